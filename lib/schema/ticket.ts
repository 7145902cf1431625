import { z } from 'zod';

/**
 * Which helpdesk a ticket lives in. Generic adapters described by an admin are `generic:<id>`
 * (the same value the overlay exposes as `data-helpdesk`).
 */
export const HelpdeskId = z
  .string()
  .regex(/^(zendesk|salesforce|generic:[a-z0-9][a-z0-9-]{0,62})$/, 'expected zendesk, salesforce or generic:<id>');
export type HelpdeskId = z.infer<typeof HelpdeskId>;

/** Zendesk's status set; Salesforce statuses are mapped onto it by the adapter. */
export const TicketStatus = z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed']);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const TicketPriority = z.enum(['low', 'normal', 'high', 'urgent']);
export type TicketPriority = z.infer<typeof TicketPriority>;

export const IsoInstant = z.iso.datetime({ offset: true });

/** Host-page text is untrusted: bounded, and only ever rendered as text. */
const hostText = (max: number) => z.string().max(max);

export const CommentAuthorRole = z.enum(['customer', 'agent']);
export type CommentAuthorRole = z.infer<typeof CommentAuthorRole>;

/** One public comment on the ticket: the SLA clocks need who wrote it and when, not what it says. */
export const PublicComment = z.object({
  authorRole: CommentAuthorRole,
  authorName: hostText(200).optional(),
  at: IsoInstant,
});
export type PublicComment = z.infer<typeof PublicComment>;

export const StatusChange = z.object({ status: TicketStatus, at: IsoInstant });
export type StatusChange = z.infer<typeof StatusChange>;

/**
 * An SLA target as the helpdesk itself keeps it (a Zendesk policy metric, a Salesforce case milestone). Shown
 * when the organisation has not defined its own policies in DeskLens, so agents see what the helpdesk counts.
 */
export const HelpdeskSlaTarget = z.object({
  /** A DeskLens metric name when the helpdesk uses the same (Zendesk), else the helpdesk's own (milestone type). */
  metric: hostText(64).min(1),
  breachAt: IsoInstant.optional(),
  stage: z.enum(['active', 'paused', 'achieved']),
  completedAt: IsoInstant.optional(),
  violated: z.boolean().optional(),
  /**
   * Which occurrence of this target it is, from 1, when the helpdesk keeps one record per occurrence (a Salesforce
   * milestone that recurs after the case is reopened): the overlay shows the current one, outcomes count each.
   */
  cycle: z.int().min(1).max(10_000).optional(),
  /** The target's length, when the helpdesk gives it (lets the warning band use the 25% rule). */
  targetMs: z
    .int()
    .min(0)
    .max(10 * 365 * 86_400_000)
    .optional(),
});
export type HelpdeskSlaTarget = z.infer<typeof HelpdeskSlaTarget>;

export const Requester = z.object({
  id: hostText(128).optional(),
  name: hostText(200).optional(),
  email: z.email().max(320).optional(),
});
export type Requester = z.infer<typeof Requester>;

/**
 * The ticket in front of the agent, as an adapter read it. Everything but the helpdesk, id and url is
 * optional because pages render in stages; consumers must cope with missing fields.
 */
export const TicketContext = z.object({
  helpdesk: HelpdeskId,
  ticketId: z.string().min(1).max(64),
  url: z.url().max(2048),
  subject: hostText(1000).optional(),
  status: TicketStatus.optional(),
  priority: TicketPriority.optional(),
  channel: hostText(64).optional(),
  createdAt: IsoInstant.optional(),
  requester: Requester.default({}),
  organization: z.object({ id: hostText(128).optional(), name: hostText(200).optional() }).optional(),
  group: hostText(200).optional(),
  assignee: z.object({ id: hostText(128).optional(), name: hostText(200).optional() }).optional(),
  tags: z.array(hostText(100)).max(200).default([]),
  /** Public comments, oldest first. */
  comments: z.array(PublicComment).max(5000).default([]),
  /**
   * Who opened the ticket, when the helpdesk says (Zendesk: the submitter's role). First reply time applies only to
   * a request an end user submitted; without this, a ticket whose first public comment is an agent's counts as an
   * agent's.
   */
  openedBy: z.enum(['customer', 'agent']).optional(),
  /** Status changes, oldest first, when the helpdesk exposes them. */
  statusHistory: z.array(StatusChange).max(5000).default([]),
  /** The helpdesk's own SLA targets for this ticket, when it reports them. */
  helpdeskSla: z.array(HelpdeskSlaTarget).max(50).optional(),
  /** Latest customer message text, used to rank scripts; never sent to the backend. */
  latestCustomerMessage: hostText(5000).optional(),
  locale: hostText(35).optional(),
});
export type TicketContext = z.infer<typeof TicketContext>;
export type TicketContextInput = z.input<typeof TicketContext>;
