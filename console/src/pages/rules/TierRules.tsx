import { LifecycleStage, TierRuleSet } from '../../../../lib/schema/tiers';
import { DEFAULT_TIER_RULES } from '../../../../lib/tiers';
import { t } from '../../i18n';
import { AttributeList, Conditions } from './Conditions';
import { Field } from './Field';
import { SaveBar } from './SaveBar';
import { TierTester } from './TierTester';
import { useRuleSet } from './useRuleSet';

type Matchable = TierRuleSet['rules'][number] | TierRuleSet['lifecycleRules'][number];

/** Up, down and remove for one entry of an ordered list (the first matching rule wins, so order matters). */
function Reorder(props: {
  index: number;
  count: number;
  name: string;
  move: (from: number, to: number) => void;
  remove: () => void;
}) {
  const { index, count, name } = props;
  return (
    <div class="rules-row">
      <button
        type="button"
        disabled={index === 0}
        onClick={() => props.move(index, index - 1)}
        aria-label={t('rules.up', { name })}
      >
        {t('rules.upShort')}
      </button>
      <button
        type="button"
        disabled={index === count - 1}
        onClick={() => props.move(index, index + 1)}
        aria-label={t('rules.down', { name })}
      >
        {t('rules.downShort')}
      </button>
      <button type="button" onClick={props.remove} aria-label={t('rules.removeNamed', { name })}>
        {t('rules.remove')}
      </button>
    </div>
  );
}

function moved<T>(list: T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item as T);
  return copy;
}

/** Id, description and conditions: what tier rules and lifecycle rules share. */
function MatchableFields(props: {
  path: string;
  rule: Matchable;
  issues: Record<string, string>;
  change: (next: Matchable) => void;
}) {
  const { rule, path, issues, change } = props;
  return (
    <>
      <div class="rules-row">
        <Field path={`${path}.id`} label={t('rules.rule.id')} issues={issues}>
          {(attrs) => (
            <input {...attrs} value={rule.id} onInput={(e) => change({ ...rule, id: e.currentTarget.value })} />
          )}
        </Field>
        {(['en', 'zh_CN', 'zh_TW'] as const).map((language) => (
          <Field
            key={language}
            path={`${path}.description.${language}`}
            label={t(`rules.description.${language}`)}
            issues={issues}
          >
            {(attrs) => (
              <input
                {...attrs}
                class="rules-wide"
                value={rule.description[language] ?? ''}
                onInput={(e) => {
                  const text = e.currentTarget.value;
                  const description = { ...rule.description, [language]: text };
                  if (language === 'zh_TW' && !text) delete description.zh_TW;
                  change({ ...rule, description });
                }}
              />
            )}
          </Field>
        ))}
      </div>
      <Conditions
        path={`${path}.all`}
        legend={t('rules.all')}
        conditions={rule.all}
        issues={issues}
        onChange={(all) => change({ ...rule, all })}
      />
      <Conditions
        path={`${path}.any`}
        legend={t('rules.any')}
        conditions={rule.any ?? []}
        issues={issues}
        onChange={(any) => change({ ...rule, any: any.length ? any : undefined })}
      />
    </>
  );
}

const newRule = (n: number) => ({ id: `rule-${n}`, description: { en: 'New rule', zh_CN: '新规则' }, all: [] });

/** Tier rules (RFM) and lifecycle rules as a form, with the tester evaluating the draft by the extension's engine. */
export default function TierRules() {
  const editor = useRuleSet<TierRuleSet>('tiers', TierRuleSet, () => structuredClone(DEFAULT_TIER_RULES));
  const { draft, issues, edit } = editor;
  if (editor.loadError) return <p role="alert">{t('rules.loadFailed', { message: editor.loadError })}</p>;
  if (!draft) return <p role="status">{t('rules.loading')}</p>;
  const tierIds = draft.tiers.map((tier) => tier.id);
  return (
    <div class="rules-split">
      <form class="rules-form" onSubmit={(e) => e.preventDefault()} aria-labelledby="tiers-title">
        <h2 id="tiers-title">{t('rules.tiers.title')}</h2>
        <p class="hint">{t('rules.tiers.hint')}</p>
        {editor.loaded?.base === null && <p class="hint">{t('rules.defaults')}</p>}
        <AttributeList />
        <fieldset>
          <legend>{t('rules.tiers.definitions')}</legend>
          {draft.tiers.map((tier, index) => {
            const path = `tiers.${index}`;
            const set = (next: Partial<typeof tier>) => edit((d) => void Object.assign(d.tiers[index] as object, next));
            return (
              <div class="rules-row rules-card" key={index}>
                <Field path={`${path}.id`} label={t('rules.tier.id')} issues={issues}>
                  {(attrs) => <input {...attrs} value={tier.id} onInput={(e) => set({ id: e.currentTarget.value })} />}
                </Field>
                {(['en', 'zh_CN', 'zh_TW'] as const).map((language) => (
                  <Field
                    key={language}
                    path={`${path}.label.${language}`}
                    label={t(`rules.label.${language}`)}
                    issues={issues}
                  >
                    {(attrs) => (
                      <input
                        {...attrs}
                        value={tier.label[language] ?? ''}
                        onInput={(e) => set({ label: { ...tier.label, [language]: e.currentTarget.value } })}
                      />
                    )}
                  </Field>
                ))}
                <Field path={`${path}.colour`} label={t('rules.tier.colour')} issues={issues}>
                  {(attrs) => (
                    <input {...attrs} value={tier.colour} onInput={(e) => set({ colour: e.currentTarget.value })} />
                  )}
                </Field>
                <Field path={`${path}.rank`} label={t('rules.tier.rank')} issues={issues}>
                  {(attrs) => (
                    <input
                      {...attrs}
                      type="number"
                      value={tier.rank}
                      onInput={(e) => set({ rank: Number(e.currentTarget.value) })}
                    />
                  )}
                </Field>
                <button
                  type="button"
                  aria-label={t('rules.removeNamed', { name: tier.id })}
                  onClick={() => edit((d) => void d.tiers.splice(index, 1))}
                >
                  {t('rules.remove')}
                </button>
              </div>
            );
          })}
          <button
            type="button"
            onClick={() =>
              edit(
                (d) =>
                  void d.tiers.push({
                    id: `tier_${d.tiers.length + 1}`,
                    label: { en: 'New tier', zh_CN: '新等级' },
                    colour: '#6e7781',
                    rank: d.tiers.length + 1,
                  }),
              )
            }
          >
            {t('rules.tier.add')}
          </button>
        </fieldset>

        <h3>{t('rules.tiers.rules')}</h3>
        {draft.rules.map((rule, index) => {
          const path = `rules.${index}`;
          const name = t('rules.rule.name', { n: index + 1, id: rule.id });
          return (
            <fieldset class="rules-card" key={index} data-rule={index}>
              <legend>{name}</legend>
              <Reorder
                index={index}
                count={draft.rules.length}
                name={name}
                move={(from, to) => edit((d) => ({ ...d, rules: moved(d.rules, from, to) }))}
                remove={() => edit((d) => void d.rules.splice(index, 1))}
              />
              <Field path={`${path}.tier`} label={t('rules.rule.tier')} issues={issues}>
                {(attrs) => (
                  <select
                    {...attrs}
                    value={rule.tier}
                    onChange={(e) =>
                      edit((d) => {
                        (d.rules[index] as typeof rule).tier = e.currentTarget.value;
                      })
                    }
                  >
                    {!tierIds.includes(rule.tier) && <option value={rule.tier}>{rule.tier}</option>}
                    {tierIds.map((id) => (
                      <option key={id} value={id}>
                        {id}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <MatchableFields
                path={path}
                rule={rule}
                issues={issues}
                change={(next) =>
                  edit((d) => {
                    d.rules[index] = { ...(next as typeof rule), tier: rule.tier };
                  })
                }
              />
            </fieldset>
          );
        })}
        <button
          type="button"
          onClick={() => edit((d) => void d.rules.push({ ...newRule(d.rules.length + 1), tier: d.fallbackTier }))}
        >
          {t('rules.rule.add')}
        </button>
        <Field path="fallbackTier" label={t('rules.fallbackTier')} issues={issues}>
          {(attrs) => (
            <select
              {...attrs}
              value={draft.fallbackTier}
              onChange={(e) =>
                edit((d) => {
                  d.fallbackTier = e.currentTarget.value;
                })
              }
            >
              {!tierIds.includes(draft.fallbackTier) && (
                <option value={draft.fallbackTier}>{draft.fallbackTier}</option>
              )}
              {tierIds.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          )}
        </Field>

        <h3>{t('rules.tiers.lifecycle')}</h3>
        {draft.lifecycleRules.map((rule, index) => {
          const path = `lifecycleRules.${index}`;
          const name = t('rules.lifecycle.name', { n: index + 1, id: rule.id });
          return (
            <fieldset class="rules-card" key={index}>
              <legend>{name}</legend>
              <Reorder
                index={index}
                count={draft.lifecycleRules.length}
                name={name}
                move={(from, to) => edit((d) => ({ ...d, lifecycleRules: moved(d.lifecycleRules, from, to) }))}
                remove={() => edit((d) => void d.lifecycleRules.splice(index, 1))}
              />
              <StageSelect
                path={`${path}.stage`}
                label={t('rules.lifecycle.stage')}
                value={rule.stage}
                issues={issues}
                change={(stage) =>
                  edit((d) => {
                    (d.lifecycleRules[index] as typeof rule).stage = stage;
                  })
                }
              />
              <MatchableFields
                path={path}
                rule={rule}
                issues={issues}
                change={(next) =>
                  edit((d) => {
                    d.lifecycleRules[index] = { ...(next as typeof rule), stage: rule.stage };
                  })
                }
              />
            </fieldset>
          );
        })}
        <button
          type="button"
          onClick={() =>
            edit((d) => void d.lifecycleRules.push({ ...newRule(d.lifecycleRules.length + 1), stage: 'mature' }))
          }
        >
          {t('rules.lifecycle.add')}
        </button>
        <StageSelect
          path="fallbackStage"
          label={t('rules.fallbackStage')}
          value={draft.fallbackStage}
          issues={issues}
          change={(stage) =>
            edit((d) => {
              d.fallbackStage = stage;
            })
          }
        />
        <SaveBar editor={editor} name={t('rules.tiers.title')} />
      </form>
      <TierTester rules={draft} />
    </div>
  );
}

function StageSelect(props: {
  path: string;
  label: string;
  value: LifecycleStage;
  issues: Record<string, string>;
  change: (stage: LifecycleStage) => void;
}) {
  return (
    <Field path={props.path} label={props.label} issues={props.issues}>
      {(attrs) => (
        <select {...attrs} value={props.value} onChange={(e) => props.change(e.currentTarget.value as LifecycleStage)}>
          {LifecycleStage.options.map((stage) => (
            <option key={stage} value={stage}>
              {t(`rules.stage.${stage}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
