import { z } from 'zod';
import { DEFAULT_FEATURES, FEATURE_SWITCH_NAMES, type FeatureSwitches } from '../../../../lib/core/features';
import { FeatureSwitches as FeatureSwitchesSchema } from '../../../../lib/schema/config';
import { HelpdeskId } from '../../../../lib/schema/ticket';
import { t } from '../../i18n';
import { Field, listOf, listText } from './Field';
import { SaveBar } from './SaveBar';
import { Thresholds } from './Thresholds';
import { useRuleSet } from './useRuleSet';

const BUILT_IN = ['zendesk', 'salesforce'] as const;
/** Product names: the same in every language. */
const PRODUCT_NAMES: Record<(typeof BUILT_IN)[number], string> = { zendesk: 'Zendesk', salesforce: 'Salesforce' };

function Features() {
  const editor = useRuleSet<Partial<FeatureSwitches>>('features', FeatureSwitchesSchema.partial().strict(), () => ({}));
  const { draft, edit } = editor;
  if (!draft) return null;
  return (
    <form class="rules-form panel" aria-labelledby="features-title" onSubmit={(e) => e.preventDefault()}>
      <h2 id="features-title">{t('rules.features.title')}</h2>
      <p class="hint">{t('rules.features.hint')}</p>
      {FEATURE_SWITCH_NAMES.map((name) => (
        <label class="rules-check" key={name}>
          <input
            type="checkbox"
            checked={draft[name] ?? DEFAULT_FEATURES[name]}
            onChange={(e) =>
              edit((d) => {
                d[name] = e.currentTarget.checked;
              })
            }
          />
          {t(`rules.feature.${name}`)}
        </label>
      ))}
      <SaveBar editor={editor} name={t('rules.features.title')} />
    </form>
  );
}

function Helpdesks() {
  // null (nothing saved) means every helpdesk DeskLens knows is on.
  const editor = useRuleSet<string[]>('helpdesks', z.array(HelpdeskId).max(50), () => [...BUILT_IN]);
  const { draft, edit, issues } = editor;
  if (!draft) return null;
  const generic = draft.filter((id) => !(BUILT_IN as readonly string[]).includes(id));
  return (
    <form class="rules-form panel" aria-labelledby="helpdesks-title" onSubmit={(e) => e.preventDefault()}>
      <h2 id="helpdesks-title">{t('rules.helpdesks.title')}</h2>
      {BUILT_IN.map((id) => (
        <label class="rules-check" key={id}>
          <input
            type="checkbox"
            checked={draft.includes(id)}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              edit((d) => (on ? [...d.filter((x) => x !== id), id] : d.filter((x) => x !== id)));
            }}
          />
          {PRODUCT_NAMES[id]}
        </label>
      ))}
      <Field
        path="generic"
        label={t('rules.helpdesks.generic')}
        issues={
          Object.keys(issues).length
            ? {
                generic: Object.entries(issues)
                  .map(([at, m]) => `${draft[Number(at)] ?? at}: ${m}`)
                  .join('; '),
              }
            : {}
        }
      >
        {(attrs) => (
          <input
            {...attrs}
            value={listText(generic)}
            onChange={(e) => {
              const next = listOf(e.currentTarget.value);
              edit((d) => [...d.filter((x) => (BUILT_IN as readonly string[]).includes(x)), ...next]);
            }}
          />
        )}
      </Field>
      <SaveBar editor={editor} name={t('rules.helpdesks.title')} />
    </form>
  );
}

function Minutes({
  kind,
  fallback,
  title,
  hint,
}: {
  kind: 'notification-lead' | 'sync-interval';
  fallback: number;
  title: string;
  hint: string;
}) {
  const editor = useRuleSet<number>(
    kind,
    kind === 'sync-interval' ? z.int().min(1).max(60) : z.int().min(0).max(240),
    () => fallback,
  );
  const { draft, setDraft, issues } = editor;
  if (draft === undefined) return null;
  return (
    <form class="rules-form panel" aria-labelledby={`${kind}-title`} onSubmit={(e) => e.preventDefault()}>
      <h2 id={`${kind}-title`}>{title}</h2>
      <Field path="" label={hint} issues={issues}>
        {(attrs) => (
          <input
            {...attrs}
            type="number"
            value={Number.isNaN(draft) ? '' : draft}
            onInput={(e) => setDraft(e.currentTarget.valueAsNumber)}
          />
        )}
      </Field>
      <SaveBar editor={editor} name={title} />
    </form>
  );
}

function ScriptLearning() {
  const editor = useRuleSet<boolean>('script-learning', z.boolean(), () => true);
  if (editor.draft === undefined) return null;
  return (
    <form class="rules-form panel" aria-labelledby="learning-title" onSubmit={(e) => e.preventDefault()}>
      <h2 id="learning-title">{t('rules.learning.title')}</h2>
      <label class="rules-check">
        <input type="checkbox" checked={editor.draft} onChange={(e) => editor.setDraft(e.currentTarget.checked)} />
        {t('rules.learning.label')}
      </label>
      <SaveBar editor={editor} name={t('rules.learning.title')} />
    </form>
  );
}

/** The organisation's settings extensions apply (docs/admin/configuration.md), each saved on its own. */
export default function Settings() {
  return (
    <div class="rules-settings">
      <p class="hint">{t('rules.settings.hint')}</p>
      <Features />
      <Helpdesks />
      <Minutes kind="notification-lead" fallback={15} title={t('rules.lead.title')} hint={t('rules.lead.label')} />
      <Minutes kind="sync-interval" fallback={5} title={t('rules.sync.title')} hint={t('rules.sync.label')} />
      <ScriptLearning />
      <Thresholds />
    </div>
  );
}
