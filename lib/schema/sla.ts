import { z } from 'zod';
import { TicketPriority } from './ticket';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM (00:00–24:00)');

/** A working span on one weekday; `end` before `start` runs past midnight into the next day (overnight shift). */
export const WorkingSpan = z.tuple([clock, clock]);

export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

export const BusinessCalendar = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(200).optional(),
  /** IANA time zone, e.g. "Europe/Berlin", "Asia/Shanghai". */
  timeZone: z.string().refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'unknown IANA time zone'),
  weekly: z.partialRecord(Weekday, z.array(WorkingSpan).max(8)),
  /** Local dates (YYYY-MM-DD) with no working time; a shift starting on a holiday does not run. */
  holidays: z.array(z.iso.date()).max(1000).default([]),
});
export type BusinessCalendar = z.infer<typeof BusinessCalendar>;
export type BusinessCalendarInput = z.input<typeof BusinessCalendar>;

export const SlaMetric = z.enum([
  'first_reply_time',
  'next_reply_time',
  'periodic_update_time',
  'pausable_update_time',
  'requester_wait_time',
  'agent_work_time',
  'resolution_time',
]);
export type SlaMetric = z.infer<typeof SlaMetric>;

export const ComplaintGrade = z.enum(['urgent', 'important', 'normal']);
export type ComplaintGrade = z.infer<typeof ComplaintGrade>;

export const SlaTarget = z.object({
  metric: SlaMetric,
  priority: TicketPriority,
  targetMinutes: z.int().min(1).max(525_600),
  businessHours: z.boolean().default(false),
});

/** Conditions are ANDed; a list matches when the ticket's value is one of it; an absent condition always matches. */
export const SlaConditions = z.object({
  tiers: z.array(z.string()).optional(),
  priorities: z.array(TicketPriority).optional(),
  channels: z.array(z.string()).optional(),
  tagsAny: z.array(z.string()).optional(),
  tagsAll: z.array(z.string()).optional(),
  groups: z.array(z.string()).optional(),
  grades: z.array(ComplaintGrade).optional(),
});

export const SlaPolicy = z.object({
  id: z.string().min(1).max(64),
  title: z.string().min(1).max(200),
  conditions: SlaConditions.default({}),
  targets: z.array(SlaTarget).min(1).max(100),
  /** Calendar used by business-hours targets; the org default when absent. */
  calendarId: z.string().optional(),
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;
export type SlaPolicyInput = z.input<typeof SlaPolicy>;

export const SlaThresholds = z.object({
  /** Warn when this fraction of the target is left. */
  warnFraction: z.number().min(0).max(1).default(0.25),
  /** Urgent when this many minutes are left. */
  urgentMinutes: z.number().min(0).default(15),
});
export type SlaThresholds = z.infer<typeof SlaThresholds>;

export const GradingKeywords = z.object({
  urgent: z.array(z.string().min(1)).max(500),
  important: z.array(z.string().min(1)).max(500),
});
export type GradingKeywords = z.infer<typeof GradingKeywords>;

/**
 * One entry of Zendesk's `ticket.slas.policy_metrics[]` (from `GET /api/v2/tickets/{id}.json?include=slas`).
 * Unknown stages and metrics are kept as text: Zendesk does not document the full set.
 */
export const ZendeskPolicyMetric = z.object({
  metric: z.string().min(1).max(64),
  stage: z.string().max(32).optional(),
  breach_at: z.iso.datetime({ offset: true }).nullable().optional(),
});
export type ZendeskPolicyMetric = z.infer<typeof ZendeskPolicyMetric>;

/** A Salesforce `CaseMilestone` row (Entitlements), with `MilestoneType.Name` flattened to `name`. */
export const SalesforceCaseMilestone = z.object({
  name: z.string().min(1).max(200),
  /** When this occurrence started: a recurring milestone gets a new row each time its criteria are met again. */
  StartDate: z.iso.datetime({ offset: true }).nullable().optional(),
  TargetDate: z.iso.datetime({ offset: true }).nullable().optional(),
  CompletionDate: z.iso.datetime({ offset: true }).nullable().optional(),
  IsCompleted: z.boolean().optional(),
  IsViolated: z.boolean().optional(),
  /** The milestone's length, when queried: lets the warning band use the 25% rule. */
  TargetResponseInMins: z.number().min(0).nullable().optional(),
});
export type SalesforceCaseMilestone = z.infer<typeof SalesforceCaseMilestone>;
