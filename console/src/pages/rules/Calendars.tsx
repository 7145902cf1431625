import { type BusinessCalendar, Weekday } from '../../../../lib/schema/sla';
import { t } from '../../i18n';
import { Field, listOf } from './Field';
import type { RuleSetEditor } from './useRuleSet';

/** "09:00-12:00, 13:00-18:00" ⇄ spans; a malformed span is kept as typed so the schema names what is wrong. */
const spansText = (spans: [string, string][] | undefined) => (spans ?? []).map(([a, b]) => `${a}-${b}`).join(', ');
const spansOf = (text: string): [string, string][] =>
  listOf(text).map((span) => {
    const [start = '', end = ''] = span.split(/\s*[-–~]\s*/);
    return [start, end];
  });

const ZONES: string[] =
  (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];

/** Business-hours calendars: time zone, weekly working spans (overnight allowed), holidays. */
export function Calendars({ editor }: { editor: RuleSetEditor<BusinessCalendar[]> }) {
  const { draft, issues, edit } = editor;
  if (!draft) return null;
  return (
    <>
      <datalist id="rules-zones">
        {ZONES.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      {draft.map((calendar, index) => {
        const path = `${index}`;
        const name = t('rules.calendar.name', { n: index + 1, id: calendar.id });
        const change = (apply: (c: BusinessCalendar) => void) => edit((d) => void apply(d[index] as BusinessCalendar));
        return (
          <fieldset class="rules-card" key={index} data-calendar={index}>
            <legend>{name}</legend>
            <button
              type="button"
              aria-label={t('rules.removeNamed', { name })}
              onClick={() => edit((d) => void d.splice(index, 1))}
            >
              {t('rules.remove')}
            </button>
            <div class="rules-row">
              <Field path={`${path}.id`} label={t('rules.calendar.id')} issues={issues}>
                {(attrs) => (
                  <input
                    {...attrs}
                    value={calendar.id}
                    onInput={(e) =>
                      change((c) => {
                        c.id = e.currentTarget.value;
                      })
                    }
                  />
                )}
              </Field>
              <Field path={`${path}.name`} label={t('rules.calendar.title')} issues={issues}>
                {(attrs) => (
                  <input
                    {...attrs}
                    value={calendar.name ?? ''}
                    onInput={(e) =>
                      change((c) => {
                        c.name = e.currentTarget.value;
                      })
                    }
                  />
                )}
              </Field>
              <Field path={`${path}.timeZone`} label={t('rules.calendar.zone')} issues={issues}>
                {(attrs) => (
                  <input
                    {...attrs}
                    list="rules-zones"
                    value={calendar.timeZone}
                    onChange={(e) =>
                      change((c) => {
                        c.timeZone = e.currentTarget.value.trim();
                      })
                    }
                  />
                )}
              </Field>
            </div>
            <div class="rules-grid">
              {Weekday.options.map((day) => (
                <Field key={day} path={`${path}.weekly.${day}`} label={t(`rules.day.${day}`)} issues={issues}>
                  {(attrs) => (
                    <input
                      {...attrs}
                      placeholder="09:00-18:00"
                      value={spansText(calendar.weekly[day])}
                      onChange={(e) =>
                        change((c) => {
                          const spans = spansOf(e.currentTarget.value);
                          if (spans.length) c.weekly[day] = spans;
                          else delete c.weekly[day];
                        })
                      }
                    />
                  )}
                </Field>
              ))}
            </div>
            {Object.entries(issues)
              .filter(([at]) => at.startsWith(`${path}.weekly.`) && at.split('.').length > 3)
              .map(([at, message]) => (
                <span key={at} class="rules-field-error">
                  {at}: {message}
                </span>
              ))}
            <Field path={`${path}.holidays`} label={t('rules.calendar.holidays')} issues={issues}>
              {(attrs) => (
                <textarea
                  {...attrs}
                  rows={3}
                  value={calendar.holidays.join('\n')}
                  onChange={(e) =>
                    change((c) => {
                      c.holidays = listOf(e.currentTarget.value);
                    })
                  }
                />
              )}
            </Field>
            {Object.entries(issues)
              .filter(([at]) => at.startsWith(`${path}.holidays.`))
              .map(([at, message]) => (
                <span key={at} class="rules-field-error">
                  {t('rules.calendar.holidayError', { line: Number(at.split('.')[2]) + 1, message })}
                </span>
              ))}
          </fieldset>
        );
      })}
      <button
        type="button"
        onClick={() =>
          edit(
            (d) =>
              void d.push({
                id: `calendar-${d.length + 1}`,
                timeZone: 'Asia/Shanghai',
                weekly: { mon: [['09:00', '18:00']] },
                holidays: [],
              }),
          )
        }
      >
        {t('rules.calendar.add')}
      </button>
    </>
  );
}
