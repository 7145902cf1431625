import { z } from 'zod';
import { AlertMetric } from './alerts';
import { SatisfactionDimension } from './events';
import { Figure } from './stats';

/** open → in_progress → done → verified (the follow-up score confirmed it); any step may be corrected. */
export const ActionStatus = z.enum(['open', 'in_progress', 'done', 'verified']);
export type ActionStatus = z.infer<typeof ActionStatus>;

/** The problem an action addresses: a metric (and optionally a satisfaction dimension) for one scope. */
export const ActionProblem = z
  .object({
    metric: AlertMetric,
    dimension: SatisfactionDimension.optional(),
    scopeType: z.enum(['org', 'team', 'agent', 'tier']),
    /** The team, agent or tier; left out for `org`. */
    scopeId: z.string().min(1).max(64).optional(),
    description: z.string().trim().min(1).max(2000),
  })
  .strict()
  .superRefine((problem, ctx) => {
    if (problem.scopeType !== 'org' && !problem.scopeId)
      ctx.addIssue({ code: 'custom', path: ['scopeId'], message: `A ${problem.scopeType} problem names its id` });
    if (problem.scopeType === 'org' && problem.scopeId)
      ctx.addIssue({ code: 'custom', path: ['scopeId'], message: 'An organisation-wide problem takes no id' });
  });
export type ActionProblem = z.infer<typeof ActionProblem>;

const IsoDate = z.iso.date();
const Link = z.url({ protocol: /^https?$/ }).max(2000);

export const Evidence = z.object({
  text: z.string().max(10_000).default(''),
  links: z.array(Link).max(20).default([]),
});

const ActionFields = {
  problem: ActionProblem,
  /** Concrete and measurable ("first reply ≤ 30 minutes"), never vague ("improve service"). */
  action: z.string().trim().min(1).max(2000),
  /** The one user responsible. */
  ownerId: z.string().min(1).max(64),
  plannedDate: IsoDate.nullable().optional(),
  actualDate: IsoDate.nullable().optional(),
  status: ActionStatus.optional(),
  evidence: Evidence.optional(),
  /** When it is due; default: the organisation's action due time (72 h) from now. */
  dueAt: z.iso.datetime({ offset: true }).optional(),
};

/** `POST /api/v1/actions` body. */
export const ActionInput = z.object(ActionFields).strict();
export type ActionInput = z.infer<typeof ActionInput>;

/** `PATCH /api/v1/actions/{id}` body: the fields to change. The problem's scope is fixed once created. */
export const ActionPatch = z
  .object({
    problemDescription: z.string().trim().min(1).max(2000),
    action: ActionFields.action,
    ownerId: ActionFields.ownerId,
    plannedDate: IsoDate.nullable(),
    actualDate: IsoDate.nullable(),
    status: ActionStatus,
    evidence: Evidence,
    dueAt: z.iso.datetime({ offset: true }),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, { message: 'Send at least one field to change' });
export type ActionPatch = z.infer<typeof ActionPatch>;

export const ImprovementAction = z.object({
  id: z.string(),
  problem: z.object({
    metric: AlertMetric,
    dimension: SatisfactionDimension.nullable(),
    scopeType: z.enum(['org', 'team', 'agent', 'tier']),
    scopeId: z.string().nullable(),
    description: z.string(),
  }),
  /** The team the action belongs to (its leads manage it); null for organisation-wide or tier problems. */
  teamId: z.string().nullable(),
  action: z.string(),
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  plannedDate: z.string().nullable(),
  actualDate: z.string().nullable(),
  status: ActionStatus,
  evidence: z.object({ text: z.string(), links: z.array(z.string()) }),
  dueAt: z.string(),
  /** Past due and not yet done or verified. */
  overdue: z.boolean(),
  /** The alert firing that opened it, if one did. */
  alertId: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});
export type ImprovementAction = z.infer<typeof ImprovementAction>;

export const ActionQuery = z.object({
  status: ActionStatus.optional(),
  teamId: z.string().min(1).max(64).optional(),
  ownerId: z.string().min(1).max(64).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().min(1).max(1024).optional(),
});
export type ActionQuery = z.infer<typeof ActionQuery>;

export const ActionPage = z.object({ actions: z.array(ImprovementAction), next: z.string().nullable() });

/** `GET /api/v1/actions/{id}/before-after` query. */
export const BeforeAfterQuery = z.object({
  /** Days on each side of the action's date (default 30). */
  windowDays: z.coerce.number().int().min(1).max(180).default(30),
});

/**
 * The action's metric for its scope in the window before the action's date (its actual date, else its planned
 * date) and the same length after. `sameCustomers` reads only customers scored on both sides (the programmes'
 * "go back to the same customers"); SLA and reply-time metrics have no customers and leave it null.
 */
export const BeforeAfter = z.object({
  metric: AlertMetric,
  /** The day the windows meet, or null when the action has neither an actual nor a planned date. */
  pivot: z.string().nullable(),
  windowDays: z.int(),
  before: z.object({ from: z.string(), to: z.string(), figure: Figure }).nullable(),
  after: z.object({ from: z.string(), to: z.string(), figure: Figure }).nullable(),
  /** False while the after window has not ended: its figure is provisional. */
  afterComplete: z.boolean(),
  /** after − before (null when either side has no answers). */
  change: z.number().nullable(),
  sameCustomers: z
    .object({ customers: z.int().min(0), before: Figure, after: Figure, change: z.number().nullable() })
    .nullable(),
});
export type BeforeAfter = z.infer<typeof BeforeAfter>;
