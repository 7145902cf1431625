import type { Condition } from '../../../../lib/schema/tiers';
import { NUMERIC_ATTRIBUTES } from '../../../../lib/schema/tiers';
import { t } from '../../i18n';
import { Field } from './Field';

const OPS = ['gte', 'gt', 'lte', 'lt', 'eq', 'has_tag'] as const;
type Op = (typeof OPS)[number];

/** The value as the schema wants it for the operator: numbers compare, tags are text, eq keeps what was typed. */
function valueFor(op: Op, attribute: string, text: string): string | number | boolean {
  if (op === 'has_tag') return text;
  if (op !== 'eq' || (NUMERIC_ATTRIBUTES as readonly string[]).includes(attribute))
    return text.trim() === '' ? Number.NaN : Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}

/** One list of conditions (all / any) of a rule, each a row of attribute, comparison and value. */
export function Conditions(props: {
  path: string;
  legend: string;
  conditions: Condition[];
  issues: Record<string, string>;
  onChange: (next: Condition[]) => void;
}) {
  const { conditions, path, issues } = props;
  const set = (index: number, next: Partial<{ attribute: string; op: Op; value: string }>) => {
    const current = conditions[index] as Condition;
    const op = next.op ?? current.op;
    const attribute = op === 'has_tag' ? 'tags' : (next.attribute ?? current.attribute);
    const value = valueFor(op, attribute, next.value ?? String(current.value));
    props.onChange(conditions.map((c, i) => (i === index ? ({ attribute, op, value } as Condition) : c)));
  };
  return (
    <fieldset class="rules-conditions">
      <legend>{props.legend}</legend>
      {issues[path] && <span class="rules-field-error">{issues[path]}</span>}
      {conditions.map((condition, index) => {
        const at = `${path}.${index}`;
        const n = index + 1;
        return (
          <div class="rules-row" key={index}>
            <Field path={`${at}.attribute`} label={t('rules.condition.attribute', { n })} issues={issues}>
              {(attrs) => (
                <input
                  {...attrs}
                  list="rules-attributes"
                  value={condition.attribute}
                  onInput={(e) => set(index, { attribute: e.currentTarget.value })}
                />
              )}
            </Field>
            <Field path={`${at}.op`} label={t('rules.condition.op', { n })} issues={issues}>
              {(attrs) => (
                <select
                  {...attrs}
                  value={condition.op}
                  onChange={(e) => set(index, { op: e.currentTarget.value as Op })}
                >
                  {OPS.map((op) => (
                    <option key={op} value={op}>
                      {t(`rules.op.${op}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field path={`${at}.value`} label={t('rules.condition.value', { n })} issues={issues}>
              {(attrs) => (
                <input
                  {...attrs}
                  value={
                    typeof condition.value === 'number' && Number.isNaN(condition.value) ? '' : String(condition.value)
                  }
                  onInput={(e) => set(index, { value: e.currentTarget.value })}
                />
              )}
            </Field>
            <button
              type="button"
              onClick={() => props.onChange(conditions.filter((_, i) => i !== index))}
              aria-label={t('rules.condition.remove', { n })}
            >
              {t('rules.remove')}
            </button>
          </div>
        );
      })}
      <button
        type="button"
        onClick={() => props.onChange([...conditions, { attribute: 'lifetimeValue', op: 'gte', value: 0 }])}
      >
        {t('rules.condition.add', { list: props.legend })}
      </button>
    </fieldset>
  );
}

/** The attributes a rule can look at, offered while typing (org.<field> is typed freely). */
export function AttributeList() {
  return (
    <datalist id="rules-attributes">
      {[...NUMERIC_ATTRIBUTES, 'tags', 'org.'].map((name) => (
        <option key={name} value={name} />
      ))}
    </datalist>
  );
}
