import { z } from 'zod';
import { SATISFACTION_DIMENSIONS } from '../core';
import { ComplaintGrade } from './sla';
import { HelpdeskId, IsoInstant } from './ticket';

/** The six service dimensions customers rate after the overall score (PRODUCT.md, rule 4). */
export const SatisfactionDimension = z.enum(SATISFACTION_DIMENSIONS);
export type SatisfactionDimension = z.infer<typeof SatisfactionDimension>;

/** Client-generated UUID (v7 from the extension), the idempotency key for ingest. */
export const EventId = z.uuid();

const eventBase = {
  id: EventId,
  occurredAt: IsoInstant,
  helpdesk: HelpdeskId,
};

const customerRef = z
  .object({
    id: z.string().max(128).optional(),
    email: z.email().max(320).optional(),
    name: z.string().max(200).optional(),
  })
  .default({});

/**
 * One score an agent recorded for a ticket. The agent is never in the body: the server credits the
 * agent whose token sent it, so later reassignment cannot move the score.
 * A later event for the same agent, ticket and round replaces the earlier one; `retracted` undoes it.
 */
export const FeedbackEvent = z.object({
  ...eventBase,
  type: z.literal('feedback'),
  ticketId: z.string().min(1).max(64),
  customer: customerRef,
  csat: z.int().min(1).max(5),
  nps: z.int().min(0).max(10).optional(),
  dimensions: z.partialRecord(SatisfactionDimension, z.int().min(1).max(5)).optional(),
  comment: z.string().max(2000).optional(),
  /** 'initial' for the first score, 'follow_up' for the second score after an improvement. */
  round: z.enum(['initial', 'follow_up']).default('initial'),
  retracted: z.boolean().default(false),
  tierId: z.string().max(64).optional(),
  /** How the overlay graded the customer's message when the score was recorded (complaint rate and grade mix). */
  complaintGrade: ComplaintGrade.optional(),
});
export type FeedbackEvent = z.infer<typeof FeedbackEvent>;

export const ScriptUsageEvent = z.object({
  ...eventBase,
  type: z.literal('script_usage'),
  ticketId: z.string().min(1).max(64),
  scriptId: z.string().min(1).max(64),
  scriptVersion: z.int().min(1),
  /** `sent`: the reply holding an inserted script was sent; `editedBeforeSend` says whether the agent changed it. */
  action: z.enum(['inserted', 'copied', 'rated_up', 'rated_down', 'sent']),
  editedBeforeSend: z.boolean().optional(),
});
export type ScriptUsageEvent = z.infer<typeof ScriptUsageEvent>;

export const SlaEvent = z.object({
  ...eventBase,
  type: z.literal('sla'),
  ticketId: z.string().min(1).max(64),
  metric: z.string().min(1).max(64),
  state: z.enum(['warned', 'breached', 'fulfilled']),
  deadline: IsoInstant.optional(),
  /** For `fulfilled`: whether the target was met late. `breached` events are breached by definition. */
  breached: z.boolean().optional(),
  /** For `fulfilled`: how long the metric ran, in the target's own terms (business time for business hours). */
  elapsedMs: z
    .int()
    .min(0)
    .max(10 * 365 * 24 * 3_600_000)
    .optional(),
  businessHours: z.boolean().optional(),
  /**
   * Which cycle of the metric ended or breached, from 1: a reopened ticket starts new cycles (next reply, updates,
   * and another stretch of requester wait, agent work and resolution), each an outcome of its own. Absent: 1.
   */
  cycle: z.int().min(1).max(10_000).optional(),
});
export type SlaEvent = z.infer<typeof SlaEvent>;

export const AdapterHealthEvent = z.object({
  ...eventBase,
  type: z.literal('adapter_health'),
  /** Selectors (by name) that no longer match, e.g. ["subject"]; empty when the adapter recovered. */
  missing: z.array(z.string().max(100)).max(50),
  pageUrl: z.url().max(2048).optional(),
  extensionVersion: z.string().max(32).optional(),
});
export type AdapterHealthEvent = z.infer<typeof AdapterHealthEvent>;

export const DeskLensEvent = z.discriminatedUnion('type', [
  FeedbackEvent,
  ScriptUsageEvent,
  SlaEvent,
  AdapterHealthEvent,
]);
export type DeskLensEvent = z.infer<typeof DeskLensEvent>;
export type DeskLensEventInput = z.input<typeof DeskLensEvent>;

export const MAX_EVENTS_PER_BATCH = 500;

/** `POST /api/v1/events` body. */
export const IngestBatch = z.object({
  events: z.array(DeskLensEvent).min(1).max(MAX_EVENTS_PER_BATCH),
});
export type IngestBatch = z.infer<typeof IngestBatch>;

/** `POST /api/v1/events` answer: per event, whether this request stored it or it was already there. */
export const IngestResult = z.object({
  stored: z.int(),
  duplicates: z.int(),
  results: z.array(z.object({ id: z.string(), status: z.enum(['stored', 'duplicate']) })),
});
export type IngestResult = z.infer<typeof IngestResult>;

/** Every 4xx from the API: a message and one entry per bad field (`events.3.csat`). */
export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;
