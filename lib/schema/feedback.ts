import { z } from 'zod';
import { SatisfactionDimension } from './events';
import { PageQuery, pageOf } from './page';
import { ComplaintGrade } from './sla';
import { MAX_STATS_RANGE_DAYS } from './stats';

const IsoDateTime = z.iso.datetime({ offset: true });

/** `GET /api/v1/feedback`: the scored tickets behind the figures (drill-down), in the same scope as the stats. */
export const FeedbackQuery = PageQuery.extend({
  from: IsoDateTime,
  to: IsoDateTime,
  teamId: z.string().min(1).max(64).optional(),
  agentId: z.string().min(1).max(64).optional(),
  tierId: z.string().min(1).max(64).optional(),
  /** One ticket's scores (every round), for its detail page. */
  ticketId: z.string().min(1).max(64).optional(),
  helpdesk: z.string().min(1).max(64).optional(),
}).superRefine((query, ctx) => {
  const from = Date.parse(query.from);
  const to = Date.parse(query.to);
  if (!(from < to)) ctx.addIssue({ code: 'custom', path: ['to'], message: '`to` must be after `from`' });
  else if (to - from > MAX_STATS_RANGE_DAYS * 86_400_000)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `A period may cover at most ${MAX_STATS_RANGE_DAYS} days` });
});
export type FeedbackQuery = z.infer<typeof FeedbackQuery>;

/** One counted score: the one the figures use for this agent, ticket and round. */
export const ScoredTicket = z.object({
  eventId: z.string(),
  helpdesk: z.string(),
  ticketId: z.string(),
  agentId: z.string(),
  agentName: z.string(),
  teamId: z.string().nullable(),
  round: z.enum(['initial', 'follow_up']),
  csat: z.int(),
  nps: z.int().nullable(),
  dimensions: z.partialRecord(SatisfactionDimension, z.int()),
  comment: z.string().nullable(),
  complaintGrade: ComplaintGrade.nullable(),
  tierId: z.string().nullable(),
  occurredAt: z.string(),
});
export type ScoredTicket = z.infer<typeof ScoredTicket>;

export const ScoredTicketPage = pageOf('tickets', ScoredTicket);
