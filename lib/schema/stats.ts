import { z } from 'zod';

export const StatsGroupBy = z.enum(['agent', 'team', 'tier', 'dimension', 'metric', 'day', 'week']);
export type StatsGroupBy = z.infer<typeof StatsGroupBy>;

/** A figure is never shown without how many answers it rests on. */
export const Figure = z.object({ value: z.number().nullable(), n: z.int().min(0) });
export type Figure = z.infer<typeof Figure>;

/** Longest period one stats request may cover (a year and a bit, for year-over-year views). */
export const MAX_STATS_RANGE_DAYS = 400;

const IsoDateTime = z.iso.datetime({ offset: true });

/** `GET /api/v1/stats/*` query: a period, an optional scope inside the caller's access, and a grouping. */
export const StatsQuery = z
  .object({
    from: IsoDateTime,
    to: IsoDateTime,
    teamId: z.string().min(1).max(64).optional(),
    agentId: z.string().min(1).max(64).optional(),
    tierId: z.string().min(1).max(64).optional(),
    /** `dimension` applies to satisfaction, `metric` (SLA metric) to service. */
    groupBy: z.enum(['none', 'agent', 'team', 'tier', 'dimension', 'metric', 'day', 'week']).default('none'),
    round: z.enum(['initial', 'follow_up']).default('initial'),
    /** IANA zone for day and week boundaries. */
    tz: z
      .string()
      .max(64)
      .default('UTC')
      .transform((zone, ctx) => {
        // The zone's canonical spelling: `europe/paris` and `Europe/Paris` are one zone, one cache entry, one label.
        try {
          return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'Unknown IANA time zone' });
          return z.NEVER;
        }
      }),
    format: z.enum(['json', 'csv']).default('json'),
    /** CSV only: start with a UTF-8 byte-order mark so Excel reads Chinese names correctly. */
    bom: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
  })
  .superRefine((query, ctx) => {
    const from = Date.parse(query.from);
    const to = Date.parse(query.to);
    if (!(from < to)) ctx.addIssue({ code: 'custom', path: ['to'], message: '`to` must be after `from`' });
    else if (to - from > MAX_STATS_RANGE_DAYS * 86_400_000)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `A period may cover at most ${MAX_STATS_RANGE_DAYS} days`,
      });
  });
export type StatsQuery = z.infer<typeof StatsQuery>;

export const DimensionFigures = z.record(z.string(), Figure);

/**
 * Complaints among scored tickets, as the overlay graded the customer's message when the score was recorded:
 * the rate is urgent + important over every graded score (its n); scores recorded without a grade are left out.
 */
export const ComplaintFigures = z.object({
  rate: Figure,
  urgent: z.int().min(0),
  important: z.int().min(0),
  normal: z.int().min(0),
});
export type ComplaintFigures = z.infer<typeof ComplaintFigures>;

export const SatisfactionFigures = z.object({
  /** Counted scores (the current score per agent, ticket and round). */
  n: z.int().min(0),
  csat: Figure,
  nps: Figure,
  dimensions: DimensionFigures,
  complaints: ComplaintFigures,
});

export const SatisfactionGroup = SatisfactionFigures.extend({ key: z.string(), label: z.string() });

export const StatsScope = z.object({
  from: z.string(),
  to: z.string(),
  tz: z.string(),
  groupBy: z.string(),
  round: z.string(),
  /** Teams the figures cover (null: the whole organisation). */
  teamIds: z.array(z.string()).nullable(),
  agentId: z.string().nullable(),
  tierId: z.string().nullable(),
});

export const SatisfactionStats = z.object({
  scope: StatsScope,
  total: SatisfactionFigures,
  groups: z.array(SatisfactionGroup),
  weakestDimension: z.object({ dimension: z.string(), figure: Figure }).nullable(),
});
export type SatisfactionStats = z.infer<typeof SatisfactionStats>;

export const ServiceFigures = z.object({
  /** Share of SLA targets met (each ticket × metric once; breached if it was ever breached). */
  slaAttainment: Figure,
  breaches: z.int().min(0),
  /** First reply time in ms (business time where the target is in business hours). */
  firstReplyMedianMs: Figure,
  firstReplyP90Ms: Figure,
});

export const ServiceStats = z.object({
  scope: StatsScope,
  total: ServiceFigures,
  groups: z.array(ServiceFigures.extend({ key: z.string(), label: z.string() })),
});
export type ServiceStats = z.infer<typeof ServiceStats>;

export const ScriptEffect = z.object({
  scriptId: z.string(),
  scriptVersion: z.int(),
  inserted: z.int().min(0),
  copied: z.int().min(0),
  ratedUp: z.int().min(0),
  ratedDown: z.int().min(0),
  /** Insertions the agent edited before sending, of those where it could be told. */
  edited: Figure,
  /** CSAT of scored tickets where this script version was used. */
  csatWhenUsed: Figure,
});

export const ScriptStats = z.object({
  scope: StatsScope,
  /** CSAT of scored tickets in scope where no script was used: the baseline to compare against. */
  csatWithoutScripts: Figure,
  scripts: z.array(ScriptEffect),
});
export type ScriptStats = z.infer<typeof ScriptStats>;

/** `GET /api/v1/stats/scores` query: the drill-down to single scores, newest first, a page at a time. */
export const ScoreListQuery = z
  .object({
    from: IsoDateTime,
    to: IsoDateTime,
    teamId: z.string().min(1).max(64).optional(),
    agentId: z.string().min(1).max(64).optional(),
    tierId: z.string().min(1).max(64).optional(),
    ticketId: z.string().min(1).max(64).optional(),
    round: z.enum(['initial', 'follow_up']).default('initial'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().min(1).max(1024).optional(),
  })
  .superRefine((query, ctx) => {
    const from = Date.parse(query.from);
    const to = Date.parse(query.to);
    if (!(from < to)) ctx.addIssue({ code: 'custom', path: ['to'], message: '`to` must be after `from`' });
    else if (to - from > MAX_STATS_RANGE_DAYS * 86_400_000)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `A period may cover at most ${MAX_STATS_RANGE_DAYS} days`,
      });
  });
export type ScoreListQuery = z.infer<typeof ScoreListQuery>;

/** One counted score with everything the customer said: the end of the drill-down team → agent → ticket. */
export const ScoreDetail = z.object({
  eventId: z.string(),
  helpdesk: z.string(),
  ticketId: z.string(),
  agent: z.object({ id: z.string(), name: z.string() }),
  teamId: z.string().nullable(),
  tierId: z.string().nullable(),
  round: z.enum(['initial', 'follow_up']),
  csat: z.int(),
  nps: z.int().nullable(),
  dimensions: z.record(z.string(), z.int()),
  comment: z.string().nullable(),
  customer: z.object({ id: z.string().nullable(), email: z.string().nullable() }),
  complaintGrade: z.enum(['urgent', 'important', 'normal']).nullable(),
  occurredAt: z.string(),
});
export type ScoreDetail = z.infer<typeof ScoreDetail>;

export const ScorePage = z.object({ scores: z.array(ScoreDetail), next: z.string().nullable() });
