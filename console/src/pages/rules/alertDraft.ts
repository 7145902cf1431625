import type { AlertLevel, AlertMetric, AlertRule, AlertScope } from '../../../../lib/schema/alerts';
import type { SlaMetric } from '../../../../lib/schema/sla';

/**
 * An alert rule as the form holds it: flat, with the condition's number in one place whichever kind it is, and
 * an empty number kept as NaN so the shared schema names the field instead of the form guessing a value.
 */
export interface AlertDraft {
  name: string;
  metric: AlertMetric;
  /** '' = every SLA metric counts. */
  slaMetric: SlaMetric | '';
  scopeType: AlertScope['type'];
  scopeId: string;
  eachTeam: boolean;
  conditionKind: 'threshold' | 'change';
  direction: 'below' | 'above';
  /** The threshold's value, or the change's percent. */
  amount: number;
  windowDays: number;
  level: AlertLevel;
  minimumN: number;
  enabled: boolean;
}

/** A new rule starts as the programmes' most common one: CSAT under 80% over 30 days, on 20 answers or more. */
export const newAlertDraft = (): AlertDraft => ({
  name: '',
  metric: 'csat',
  slaMetric: '',
  scopeType: 'org',
  scopeId: '',
  eachTeam: false,
  conditionKind: 'threshold',
  direction: 'below',
  amount: 80,
  windowDays: 30,
  level: 'yellow',
  minimumN: 20,
  enabled: true,
});

export function draftOf(rule: AlertRule): AlertDraft {
  return {
    name: rule.name,
    metric: rule.metric,
    slaMetric: rule.slaMetric ?? '',
    scopeType: rule.scope.type,
    scopeId: rule.scope.id ?? '',
    eachTeam: rule.scope.eachTeam,
    conditionKind: rule.condition.kind,
    direction: rule.condition.direction,
    amount: rule.condition.kind === 'threshold' ? rule.condition.value : rule.condition.percent,
    windowDays: rule.windowDays,
    level: rule.level,
    minimumN: rule.minimumN,
    enabled: rule.enabled,
  };
}

/** The POST / PATCH body for the draft, unchecked: the caller parses it with AlertRuleInput. */
export function inputOf(draft: AlertDraft): Record<string, unknown> {
  return {
    name: draft.name,
    metric: draft.metric,
    ...(draft.slaMetric ? { slaMetric: draft.slaMetric } : {}),
    scope: {
      type: draft.scopeType,
      ...(draft.scopeType === 'org' ? {} : { id: draft.scopeId.trim() }),
      eachTeam: draft.eachTeam,
    },
    condition:
      draft.conditionKind === 'threshold'
        ? { kind: 'threshold', direction: draft.direction, value: draft.amount }
        : { kind: 'change', direction: draft.direction, percent: draft.amount },
    windowDays: draft.windowDays,
    level: draft.level,
    minimumN: draft.minimumN,
    enabled: draft.enabled,
  };
}

/** Where the condition's number is reported: the schema names `condition.value` or `condition.percent`. */
export const amountPath = (draft: AlertDraft) =>
  draft.conditionKind === 'threshold' ? 'condition.value' : 'condition.percent';

/**
 * The top-level fields of `input` that differ from the rule as it was loaded: an edit sends only those, so a
 * colleague's change to another field of the same rule meanwhile is not overwritten (the API keeps no version).
 */
export function changedFields(before: AlertRule, input: Record<string, unknown>): Record<string, unknown> {
  const original = inputOf(draftOf(before));
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input))
    if (JSON.stringify(value) !== JSON.stringify(original[key])) patch[key] = value;
  // A field the edit left out that the rule had (its SLA metric) is taken off, not kept.
  for (const key of Object.keys(original)) if (!(key in input)) patch[key] = null;
  return patch;
}
