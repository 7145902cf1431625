import { useState } from 'preact/hooks';
import { api, errorMessage } from '../../api/client';
import { t } from '../../i18n';
import { FieldError, invalidProps } from './Field';

/**
 * The team's enrollment token. Tokens are shown once and stored only hashed, so an existing one cannot be read
 * back: the admin pastes the one they kept, or makes a new one for the team here (it goes into the files).
 */
export function TokenField({
  teamId,
  value,
  onChange,
  errors,
}: {
  teamId: string | undefined;
  value: string;
  onChange: (token: string) => void;
  errors: Map<string, string>;
}) {
  const [issued, setIssued] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function issue() {
    if (!teamId) return;
    setBusy(true);
    setProblem(null);
    const { data, error, response } = await api.POST('/api/v1/tokens', {
      body: {
        kind: 'enrollment',
        teamId,
        label: t('rollout.token.label', { date: new Date().toISOString().slice(0, 10) }),
      },
    });
    setBusy(false);
    if (data && response.ok) {
      onChange(data.token);
      setIssued(true);
    } else setProblem(errorMessage(error, response.status));
  }

  return (
    <div class="rollout-field" data-field="enrollmentToken">
      <label for="rollout-enrollmentToken">{t('rollout.token')}</label>
      <div class="rollout-inline">
        <input
          id="rollout-enrollmentToken"
          type="text"
          autocomplete="off"
          spellcheck={false}
          value={value}
          onInput={(e) => {
            setIssued(false);
            onChange(e.currentTarget.value);
          }}
          {...invalidProps('enrollmentToken', errors)}
        />
        <button type="button" onClick={issue} disabled={!teamId || busy}>
          {t('rollout.token.new')}
        </button>
      </div>
      <p class="hint">{teamId ? t('rollout.token.help') : t('rollout.token.pickTeam')}</p>
      {issued && (
        <p class="rollout-notice" role="status" data-token-issued="true">
          {t('rollout.token.issued')}
        </p>
      )}
      {problem && (
        <p class="rollout-error" role="alert">
          {t('rollout.token.failed', { message: problem })}
        </p>
      )}
      <FieldError field="enrollmentToken" errors={errors} />
    </div>
  );
}
