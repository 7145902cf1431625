import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { BackgroundResult } from '../lib/messaging';
import type { AgentSettings, EffectiveConfig } from '../lib/schema/config';
import type { Translate } from './i18n';

interface Props {
  t: Translate;
  loadConfig: () => Promise<BackgroundResult<EffectiveConfig>>;
  loadSettings: () => Promise<AgentSettings>;
  /** Validates and saves; nothing is saved when a field is invalid, and the errors name the fields. */
  saveSettings: (
    settings: AgentSettings,
  ) => Promise<{ ok: true } | { ok: false; errors: { field: string; message: string }[] }>;
}

type TextField =
  | 'backendUrl'
  | 'enrollmentToken'
  | 'agentToken'
  | 'team'
  | 'agentName'
  | 'agentEmail'
  | 'scoreShortcut'
  | 'searchShortcut';
const FIELDS: { key: TextField; type: 'url' | 'password' | 'text' | 'email' }[] = [
  { key: 'backendUrl', type: 'url' },
  { key: 'enrollmentToken', type: 'password' },
  { key: 'agentToken', type: 'password' },
  { key: 'team', type: 'text' },
  { key: 'agentName', type: 'text' },
  { key: 'agentEmail', type: 'email' },
  { key: 'scoreShortcut', type: 'text' },
  { key: 'searchShortcut', type: 'text' },
];

/** The agent's own settings; anything the organization set by policy is shown locked. */
export function OptionsForm({ t, loadConfig, loadSettings, saveSettings }: Props) {
  const config = useSignal<EffectiveConfig | undefined>(undefined);
  const settings = useSignal<AgentSettings>({});
  const saved = useSignal(false);
  const errors = useSignal<Record<string, string>>({});
  useEffect(() => {
    void Promise.all([loadConfig(), loadSettings()]).then(([answer, stored]) => {
      if (answer.ok) config.value = answer.value;
      settings.value = stored;
    });
  }, []);
  const lockedBy = (key: string) => config.value?.sources[key as keyof EffectiveConfig['sources']] === 'policy';
  return (
    <main class="dl-page">
      <h1>{t('optionsTitle')}</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void saveSettings(settings.value).then((result) => {
            saved.value = result.ok;
            errors.value = result.ok
              ? {}
              : Object.fromEntries(result.errors.map((error) => [error.field, error.message]));
          });
        }}
      >
        {FIELDS.map(({ key, type }) => {
          const locked = lockedBy(key);
          const policyValue = locked ? (config.value?.[key as keyof EffectiveConfig] as string | undefined) : undefined;
          return (
            <div key={key} data-field={key} data-locked={locked ? 'true' : 'false'}>
              <label for={`dl-${key}`}>{t(`option_${key}`)}</label>
              <input
                id={`dl-${key}`}
                // why: Preact 11 types each input type separately and will not take a union; all four accept these props.
                type={type as 'text'}
                value={policyValue ?? settings.value[key] ?? ''}
                disabled={locked}
                onInput={(event) => {
                  const value = (event.currentTarget as HTMLInputElement).value.trim();
                  settings.value = { ...settings.value, [key]: value === '' ? undefined : value };
                  saved.value = false;
                }}
              />
              {locked && <span class="dl-locked">{t('setByOrganization')}</span>}
              {errors.value[key] && (
                <span class="dl-error" id={`dl-${key}-error`} role="alert">
                  {t('optionInvalid', [errors.value[key] as string])}
                </span>
              )}
            </div>
          );
        })}
        <button type="submit">{t('save')}</button>
        {saved.value && <span role="status">{t('saved')}</span>}
      </form>
    </main>
  );
}
