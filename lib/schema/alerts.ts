import { z } from 'zod';
import { SlaMetric } from './sla';
import { Figure } from './stats';

/**
 * What an alert rule watches. Satisfaction figures come from the counted scores (CSAT and complaint rate in %,
 * NPS −100…+100); `sla_attainment` is the share of SLA targets met (one SLA metric, or all when `slaMetric` is
 * left out); `first_reply_median` / `first_reply_p90` are first-reply times in minutes.
 */
export const AlertMetric = z.enum([
  'csat',
  'nps',
  'complaint_rate',
  'sla_attainment',
  'first_reply_median',
  'first_reply_p90',
]);
export type AlertMetric = z.infer<typeof AlertMetric>;

/** Three levels, as the service-quality programmes use them. */
export const AlertLevel = z.enum(['yellow', 'orange', 'red']);
export type AlertLevel = z.infer<typeof AlertLevel>;

/**
 * Whose figures a rule reads: the whole organisation, one team, one agent or one customer tier. With
 * `eachTeam`, an organisation-wide rule is read for every team on its own, and each firing belongs to that team
 * (its leads see it and own the action it opens).
 */
export const AlertScope = z
  .object({
    type: z.enum(['org', 'team', 'agent', 'tier']),
    /** The team, agent (user) or tier id; left out for `org`. */
    id: z.string().min(1).max(64).optional(),
    eachTeam: z.boolean().default(false),
  })
  .superRefine((scope, ctx) => {
    if (scope.type !== 'org' && !scope.id)
      ctx.addIssue({ code: 'custom', path: ['id'], message: `A ${scope.type} scope needs the ${scope.type}'s id` });
    if (scope.type === 'org' && scope.id)
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'An organisation-wide scope takes no id' });
    if (scope.type !== 'org' && scope.eachTeam)
      ctx.addIssue({ code: 'custom', path: ['eachTeam'], message: 'Only an organisation-wide scope can run per team' });
  });
export type AlertScope = z.infer<typeof AlertScope>;

/**
 * `threshold`: the figure over the last `windowDays` is below (or above) `value`. `change`: the figure over the
 * last `windowDays` moved by more than `percent` % (relative) against the `windowDays` before — a fall for
 * `direction: 'below'`, a rise for `'above'` — e.g. satisfaction falling more than 5% quarter on quarter.
 */
export const AlertCondition = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('threshold'),
    direction: z.enum(['below', 'above']),
    value: z.number().finite(),
  }),
  z.object({
    kind: z.literal('change'),
    direction: z.enum(['below', 'above']),
    /** Relative change in percent of the earlier window's figure (5 = 5%). */
    percent: z.number().positive().max(1000),
  }),
]);
export type AlertCondition = z.infer<typeof AlertCondition>;

const AlertRuleFields = {
  name: z.string().trim().min(1).max(200),
  metric: AlertMetric,
  /** For `sla_attainment` only: one SLA metric; left out, every metric counts. */
  slaMetric: SlaMetric.optional(),
  scope: AlertScope,
  condition: AlertCondition,
  /** Days each window covers (90: a quarter). */
  windowDays: z.int().min(1).max(180),
  level: AlertLevel,
  /** Fewer answers than this (on either window) never fire: a handful of scores is not a trend. */
  minimumN: z.int().min(1).max(100_000).default(20),
  enabled: z.boolean().default(true),
};

function checkRule(
  rule: { metric?: AlertMetric; slaMetric?: SlaMetric; condition?: AlertCondition; scope?: AlertScope },
  ctx: z.RefinementCtx,
) {
  // SLA outcomes carry no customer tier: a tier-scoped SLA or reply-time rule would silently read every tier.
  if (
    rule.scope?.type === 'tier' &&
    rule.metric !== undefined &&
    !['csat', 'nps', 'complaint_rate'].includes(rule.metric)
  )
    ctx.addIssue({
      code: 'custom',
      path: ['scope', 'type'],
      message: 'SLA and reply-time figures are not kept per customer tier; choose org, team or agent',
    });
  if (rule.slaMetric && rule.metric !== undefined && rule.metric !== 'sla_attainment')
    ctx.addIssue({ code: 'custom', path: ['slaMetric'], message: 'Only an sla_attainment rule names an SLA metric' });
  if (rule.condition?.kind === 'threshold' && rule.metric !== undefined) {
    const percentMetric =
      rule.metric === 'csat' || rule.metric === 'complaint_rate' || rule.metric === 'sla_attainment';
    const value = rule.condition.value;
    if (percentMetric && (value < 0 || value > 100))
      ctx.addIssue({ code: 'custom', path: ['condition', 'value'], message: `${rule.metric} is a percentage (0–100)` });
    if (rule.metric === 'nps' && (value < -100 || value > 100))
      ctx.addIssue({ code: 'custom', path: ['condition', 'value'], message: 'NPS runs from −100 to +100' });
    if (rule.metric.startsWith('first_reply') && value < 0)
      ctx.addIssue({ code: 'custom', path: ['condition', 'value'], message: 'A reply time cannot be negative' });
  }
  // A figure that cannot go below zero cannot fall by 100 % or more: such a rule would never fire. (NPS can: +10
  // to −5 is a fall of 150 %.)
  if (
    rule.condition?.kind === 'change' &&
    rule.condition.direction === 'below' &&
    rule.condition.percent >= 100 &&
    rule.metric !== undefined &&
    rule.metric !== 'nps'
  )
    ctx.addIssue({
      code: 'custom',
      path: ['condition', 'percent'],
      message: `${rule.metric} cannot fall by ${rule.condition.percent} % (it cannot go below zero); the rule would never fire`,
    });
}

/** `POST /api/v1/alert-rules` body. */
export const AlertRuleInput = z.object(AlertRuleFields).strict().superRefine(checkRule);
export type AlertRuleInput = z.infer<typeof AlertRuleInput>;

/**
 * `PATCH /api/v1/alert-rules/{id}` body: any field; the whole rule is checked again after the change. Without the
 * input's defaults: zod applies a default inside `.partial()`, so a patch of the window alone would switch a
 * disabled rule back on and reset its minimum n.
 */
export const AlertRulePatch = z
  .object({
    ...AlertRuleFields,
    minimumN: z.int().min(1).max(100_000),
    enabled: z.boolean(),
    /** `null` takes the SLA metric off: every metric counts again, or the rule can become another metric. */
    slaMetric: SlaMetric.nullable(),
  })
  .partial()
  .strict();
export type AlertRulePatch = z.infer<typeof AlertRulePatch>;

export const AlertRule = z.object({
  id: z.string(),
  name: z.string(),
  metric: AlertMetric,
  slaMetric: SlaMetric.nullable(),
  scope: z.object({ type: z.enum(['org', 'team', 'agent', 'tier']), id: z.string().nullable(), eachTeam: z.boolean() }),
  condition: AlertCondition,
  windowDays: z.int(),
  level: AlertLevel,
  minimumN: z.int(),
  enabled: z.boolean(),
  /** Seeded from the programmes' defaults (an admin may change or delete it like any other). */
  builtIn: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AlertRule = z.infer<typeof AlertRule>;

export const AlertRuleList = z.object({ rules: z.array(AlertRule) });

export const AlertStatus = z.enum(['open', 'acknowledged']);
export type AlertStatus = z.infer<typeof AlertStatus>;

/** One firing of a rule: for one subject (the team, agent or tier it was read for) and one window. */
export const Alert = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: z.string(),
  level: AlertLevel,
  metric: AlertMetric,
  slaMetric: SlaMetric.nullable(),
  status: AlertStatus,
  /** The team the firing belongs to (null: organisation-wide or a tier across teams). */
  teamId: z.string().nullable(),
  agentId: z.string().nullable(),
  tierId: z.string().nullable(),
  /** What was read: the window's figure with its n, and for `change` rules the earlier window's. */
  current: Figure,
  previous: Figure.nullable(),
  windowFrom: z.string(),
  windowTo: z.string(),
  /** A sentence for the dashboard, e.g. "CSAT 81.2% (n 140) fell 7.1% against the previous 90 days (87.4%, n 152)". */
  message: z.string(),
  firedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  /** The improvement action the firing opened. */
  actionId: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;

export const AlertQuery = z.object({
  status: AlertStatus.optional(),
  level: AlertLevel.optional(),
  teamId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().min(1).max(1024).optional(),
});
export type AlertQuery = z.infer<typeof AlertQuery>;

export const AlertPage = z.object({ alerts: z.array(Alert), next: z.string().nullable() });

export const EvaluationResult = z.object({
  /** Rules read (per-team rules count once per team). */
  evaluated: z.int().min(0),
  /** Firings this call recorded; a firing another instance recorded first is not repeated. */
  fired: z.array(Alert),
});
export type EvaluationResult = z.infer<typeof EvaluationResult>;
