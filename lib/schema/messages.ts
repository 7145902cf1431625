import { z } from 'zod';
import { FeedbackEvent, ScriptUsageEvent } from './events';
import { HelpdeskId, TicketContext, TicketStatus } from './ticket';

/**
 * Requests content scripts and extension pages send to the background. Parsed on arrival; the
 * answer is `{ ok: true, value }` or `{ ok: false, error }` so nothing ever throws across the boundary.
 */
export const CaptureFeedback = z.object({
  kind: z.literal('captureFeedback'),
  event: FeedbackEvent.omit({ id: true, occurredAt: true }),
});

export const CaptureScriptUsage = z.object({
  kind: z.literal('captureScriptUsage'),
  event: ScriptUsageEvent.omit({ id: true, occurredAt: true }),
});

export const UndoCapture = z.object({ kind: z.literal('undoCapture'), eventId: z.uuid() });

export const GetInsights = z.object({ kind: z.literal('getInsights'), ticket: TicketContext });
/** The agent's own search in the scripts panel (English or Chinese), filled in for this ticket. */
export const SearchScripts = z.object({
  kind: z.literal('searchScripts'),
  ticket: TicketContext,
  query: z.string().trim().min(1).max(200),
});

export const ReportAdapterHealth = z.object({
  kind: z.literal('reportAdapterHealth'),
  helpdesk: HelpdeskId,
  missing: z.array(z.string().max(100)).max(50),
  pageUrl: z.url().max(2048).optional(),
});

export const GetTicketFeedback = z.object({
  kind: z.literal('getTicketFeedback'),
  helpdesk: HelpdeskId,
  ticketId: z.string().min(1).max(64),
});

/** Who is signed in to the helpdesk page: used to enroll this browser without the agent typing anything. */
export const ReportAgentIdentity = z.object({
  kind: z.literal('reportAgentIdentity'),
  helpdesk: HelpdeskId,
  email: z.email().max(320),
  name: z.string().max(200).optional(),
  helpdeskUserId: z.string().max(128).optional(),
});

/** The open case's opening instant and milestones from Salesforce's API (lib/background/salesforce-case.ts). */
export const GetSalesforceCase = z.object({
  kind: z.literal('getSalesforceCase'),
  pageUrl: z.url().max(2048),
  caseId: z.string().regex(/^[a-zA-Z0-9]{15,18}$/, 'expected a 15 or 18 character Salesforce id'),
  /** The status the page shows: when it differs from the last answer's, the milestones have moved on (reopened). */
  caseStatus: TicketStatus.optional(),
});

export const GetStatus = z.object({ kind: z.literal('getStatus') });
export const SyncNow = z.object({ kind: z.literal('syncNow') });
export const GetConfig = z.object({ kind: z.literal('getConfig') });

export const BackgroundRequest = z.discriminatedUnion('kind', [
  CaptureFeedback,
  CaptureScriptUsage,
  UndoCapture,
  GetInsights,
  SearchScripts,
  ReportAdapterHealth,
  GetTicketFeedback,
  ReportAgentIdentity,
  GetSalesforceCase,
  GetStatus,
  SyncNow,
  GetConfig,
]);
export type BackgroundRequest = z.infer<typeof BackgroundRequest>;
export type BackgroundRequestInput = z.input<typeof BackgroundRequest>;
