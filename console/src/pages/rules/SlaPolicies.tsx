import { ComplaintGrade, SlaMetric, type SlaPolicy } from '../../../../lib/schema/sla';
import { TicketPriority } from '../../../../lib/schema/ticket';
import { t } from '../../i18n';
import { Field, listOf, listText } from './Field';
import type { RuleSetEditor } from './useRuleSet';

const LIST_CONDITIONS = ['tiers', 'priorities', 'channels', 'tagsAny', 'tagsAll', 'groups', 'grades'] as const;

/** The ordered SLA policies: which tickets each covers, and its targets per metric and priority. */
export function SlaPolicies({ editor, calendarIds }: { editor: RuleSetEditor<SlaPolicy[]>; calendarIds: string[] }) {
  const { draft, issues, edit } = editor;
  if (!draft) return null;
  return (
    <>
      {draft.map((policy, index) => {
        const path = `${index}`;
        const name = t('rules.policy.name', { n: index + 1, id: policy.id });
        const change = (apply: (p: SlaPolicy) => void) => edit((d) => void apply(d[index] as SlaPolicy));
        return (
          <fieldset class="rules-card" key={index} data-policy={index}>
            <legend>{name}</legend>
            <div class="rules-row">
              <button
                type="button"
                disabled={index === 0}
                aria-label={t('rules.up', { name })}
                onClick={() => edit((d) => void d.splice(index - 1, 0, ...d.splice(index, 1)))}
              >
                {t('rules.upShort')}
              </button>
              <button
                type="button"
                aria-label={t('rules.removeNamed', { name })}
                onClick={() => edit((d) => void d.splice(index, 1))}
              >
                {t('rules.remove')}
              </button>
            </div>
            <div class="rules-row">
              <Field path={`${path}.id`} label={t('rules.policy.id')} issues={issues}>
                {(attrs) => (
                  <input
                    {...attrs}
                    value={policy.id}
                    onInput={(e) =>
                      change((p) => {
                        p.id = e.currentTarget.value;
                      })
                    }
                  />
                )}
              </Field>
              <Field path={`${path}.title`} label={t('rules.policy.title')} issues={issues}>
                {(attrs) => (
                  <input
                    {...attrs}
                    class="rules-wide"
                    value={policy.title}
                    onInput={(e) =>
                      change((p) => {
                        p.title = e.currentTarget.value;
                      })
                    }
                  />
                )}
              </Field>
              <Field path={`${path}.calendarId`} label={t('rules.policy.calendar')} issues={issues}>
                {(attrs) => (
                  <select
                    {...attrs}
                    value={policy.calendarId ?? ''}
                    onChange={(e) =>
                      change((p) => {
                        const id = e.currentTarget.value;
                        if (id) p.calendarId = id;
                        else delete p.calendarId;
                      })
                    }
                  >
                    <option value="">{t('rules.policy.calendarDefault')}</option>
                    {[...new Set([...calendarIds, ...(policy.calendarId ? [policy.calendarId] : [])])].map((id) => (
                      <option key={id} value={id}>
                        {id}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <fieldset>
              <legend>{t('rules.policy.conditions')}</legend>
              <div class="rules-grid">
                {LIST_CONDITIONS.map((condition) => (
                  <Field
                    key={condition}
                    path={`${path}.conditions.${condition}`}
                    label={t(`rules.policy.${condition}`)}
                    issues={issues}
                  >
                    {(attrs) => (
                      <input
                        {...attrs}
                        value={listText(policy.conditions[condition])}
                        onChange={(e) =>
                          change((p) => {
                            const list = listOf(e.currentTarget.value);
                            if (list.length) (p.conditions as Record<string, string[]>)[condition] = list;
                            else delete p.conditions[condition];
                          })
                        }
                      />
                    )}
                  </Field>
                ))}
              </div>
              <p class="hint">
                {t('rules.policy.conditionsHint', {
                  priorities: TicketPriority.options.join(', '),
                  grades: ComplaintGrade.options.join(', '),
                })}
              </p>
            </fieldset>
            <fieldset>
              <legend>{t('rules.policy.targets')}</legend>
              {issues[`${path}.targets`] && <span class="rules-field-error">{issues[`${path}.targets`]}</span>}
              {policy.targets.map((target, at) => {
                const tp = `${path}.targets.${at}`;
                const n = at + 1;
                return (
                  <div class="rules-row" key={at}>
                    <Field path={`${tp}.metric`} label={t('rules.target.metric', { n })} issues={issues}>
                      {(attrs) => (
                        <select
                          {...attrs}
                          value={target.metric}
                          onChange={(e) =>
                            change((p) => {
                              (p.targets[at] as typeof target).metric = e.currentTarget.value as SlaMetric;
                            })
                          }
                        >
                          {SlaMetric.options.map((metric) => (
                            <option key={metric} value={metric}>
                              {t(`rules.metric.${metric}`)}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                    <Field path={`${tp}.priority`} label={t('rules.target.priority', { n })} issues={issues}>
                      {(attrs) => (
                        <select
                          {...attrs}
                          value={target.priority}
                          onChange={(e) =>
                            change((p) => {
                              (p.targets[at] as typeof target).priority = e.currentTarget.value as TicketPriority;
                            })
                          }
                        >
                          {TicketPriority.options.map((priority) => (
                            <option key={priority} value={priority}>
                              {t(`rules.priority.${priority}`)}
                            </option>
                          ))}
                        </select>
                      )}
                    </Field>
                    <Field path={`${tp}.targetMinutes`} label={t('rules.target.minutes', { n })} issues={issues}>
                      {(attrs) => (
                        <input
                          {...attrs}
                          type="number"
                          value={Number.isNaN(target.targetMinutes) ? '' : target.targetMinutes}
                          onInput={(e) =>
                            change((p) => {
                              (p.targets[at] as typeof target).targetMinutes = e.currentTarget.valueAsNumber;
                            })
                          }
                        />
                      )}
                    </Field>
                    <label class="rules-check">
                      <input
                        type="checkbox"
                        checked={target.businessHours}
                        onChange={(e) =>
                          change((p) => {
                            (p.targets[at] as typeof target).businessHours = e.currentTarget.checked;
                          })
                        }
                      />
                      {t('rules.target.business', { n })}
                    </label>
                    <button
                      type="button"
                      aria-label={t('rules.target.remove', { n })}
                      onClick={() => change((p) => void p.targets.splice(at, 1))}
                    >
                      {t('rules.remove')}
                    </button>
                  </div>
                );
              })}
              <button
                type="button"
                onClick={() =>
                  change(
                    (p) =>
                      void p.targets.push({
                        metric: 'first_reply_time',
                        priority: 'normal',
                        targetMinutes: 60,
                        businessHours: false,
                      }),
                  )
                }
              >
                {t('rules.target.add')}
              </button>
            </fieldset>
          </fieldset>
        );
      })}
      <button
        type="button"
        onClick={() =>
          edit(
            (d) =>
              void d.push({
                id: `policy-${d.length + 1}`,
                title: 'New policy',
                conditions: {},
                targets: [{ metric: 'first_reply_time', priority: 'normal', targetMinutes: 60, businessHours: false }],
              }),
          )
        }
      >
        {t('rules.policy.add')}
      </button>
    </>
  );
}
