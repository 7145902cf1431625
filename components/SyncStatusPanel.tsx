import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { BackgroundResult, SyncStatus } from '../lib/messaging';
import type { EffectiveConfig } from '../lib/schema/config';
import type { Translate } from './i18n';

interface Props {
  t: Translate;
  load: () => Promise<BackgroundResult<SyncStatus>>;
  syncNow: () => Promise<BackgroundResult<SyncStatus>>;
  loadConfig: () => Promise<BackgroundResult<EffectiveConfig>>;
}

/** Queued / sent / failed counts and the last error in words, for the agent. */
export function SyncStatusPanel({ t, load, syncNow, loadConfig }: Props) {
  const status = useSignal<SyncStatus | undefined>(undefined);
  const error = useSignal<string | undefined>(undefined);
  const policyErrors = useSignal<EffectiveConfig['policyErrors']>([]);
  const apply = (answer: BackgroundResult<SyncStatus>) => {
    if (answer.ok) {
      status.value = answer.value;
      error.value = undefined;
    } else error.value = answer.error;
  };
  useEffect(() => {
    void load().then(apply);
    void loadConfig().then((answer) => {
      if (answer.ok) policyErrors.value = answer.value.policyErrors;
    });
  }, []);
  const s = status.value;
  return (
    <main class="dl-page">
      <h1>{t('extName')}</h1>
      {s && (
        <dl class="dl-counts">
          <dt>{t('statusQueued')}</dt>
          <dd data-count="queued">{s.queued}</dd>
          <dt>{t('statusSent')}</dt>
          <dd data-count="sent">{s.sent}</dd>
          <dt>{t('statusFailed')}</dt>
          <dd data-count="failed">{s.failed}</dd>
        </dl>
      )}
      {s?.lastError && (
        <p class="dl-error" role="alert">
          {t('statusLastError', [s.lastError])}
        </p>
      )}
      {s?.quarantined.map((q) => (
        <p class="dl-error" key={q.eventId}>
          {t('statusQuarantined', [q.type, q.reason])}
        </p>
      ))}
      {policyErrors.value.map((problem) => (
        <p class="dl-warning" key={problem.key} data-policy-error={problem.key}>
          {t('policyValueRejected', [problem.key, problem.message])}
        </p>
      ))}
      {error.value && <p class="dl-error">{error.value}</p>}
      <button type="button" onClick={() => void syncNow().then(apply)}>
        {t('syncNow')}
      </button>
    </main>
  );
}
