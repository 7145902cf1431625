import { t } from '../../i18n';
import type { Choices } from './choices';
import { FieldError, invalidProps } from './Field';

type SourceField = 'chromeExtensionId' | 'chromeUpdateUrl' | 'firefoxExtensionId' | 'firefoxInstallUrl';
const FIELDS: SourceField[] = ['chromeExtensionId', 'chromeUpdateUrl', 'firefoxExtensionId', 'firefoxInstallUrl'];

/** Where the extension is installed from; empty: DeskLens's ids and the server's own /extension/ folder. */
export function InstallSources({
  choices,
  set,
  errors,
}: {
  choices: Choices;
  set: (change: Partial<Choices>) => void;
  errors: Map<string, string>;
}) {
  const open = FIELDS.some((field) => errors.has(field) || choices[field] !== '');
  return (
    <details class="rollout-sources" open={open}>
      <summary>{t('rollout.sources')}</summary>
      <p class="hint">{t('rollout.sources.help')}</p>
      {FIELDS.map((field) => (
        <div class="rollout-field" data-field={field} key={field}>
          <label for={`rollout-${field}`}>{t(`rollout.${field}`)}</label>
          <input
            id={`rollout-${field}`}
            type="text"
            spellcheck={false}
            value={choices[field]}
            onInput={(e) => set({ [field]: e.currentTarget.value })}
            {...invalidProps(field, errors)}
          />
          <FieldError field={field} errors={errors} />
        </div>
      ))}
    </details>
  );
}
