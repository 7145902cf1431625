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

/** The page is the sender's own (`sender.url`), never a URL the message names. */
export const ReportAdapterHealth = z.object({
  kind: z.literal('reportAdapterHealth'),
  helpdesk: HelpdeskId,
  missing: z.array(z.string().max(100)).max(50),
});

export const GetTicketFeedback = z.object({
  kind: z.literal('getTicketFeedback'),
  helpdesk: HelpdeskId,
  ticketId: z.string().min(1).max(64),
});

/**
 * Who is signed in to the helpdesk page. Only a hint: the email an approval request names (a lead decides) and the
 * login_hint of an SSO sign-in; it never binds this browser to anyone by itself.
 */
export const ReportAgentIdentity = z.object({
  kind: z.literal('reportAgentIdentity'),
  helpdesk: HelpdeskId,
  email: z.email().max(320),
  name: z.string().max(200).optional(),
  helpdeskUserId: z.string().max(128).optional(),
});

/**
 * The open case's opening instant and milestones from Salesforce's API (lib/background/salesforce-case.ts). The org
 * is the one of the sender's page (`sender.url`), so a message cannot point the agent's session at another site.
 */
export const GetSalesforceCase = z.object({
  kind: z.literal('getSalesforceCase'),
  caseId: z.string().regex(/^[a-zA-Z0-9]{15,18}$/, 'expected a 15 or 18 character Salesforce id'),
  /** The status the page shows: when it differs from the last answer's, the milestones have moved on (reopened). */
  caseStatus: TicketStatus.optional(),
});

export const GetStatus = z.object({ kind: z.literal('getStatus') });
export const SyncNow = z.object({ kind: z.literal('syncNow') });
/** Everything, secrets included: extension pages only. */
export const GetConfig = z.object({ kind: z.literal('getConfig') });
/** What the overlay needs, and nothing that says where or as whom this browser syncs. */
export const GetOverlayConfig = z.object({ kind: z.literal('getOverlayConfig') });

const Clearable = <S extends z.ZodType>(schema: S) => schema.nullable().optional();
/** The options page saves the server, enrollment token, pasted token and email; null removes one. */
export const SetConnection = z.object({
  kind: z.literal('setConnection'),
  connection: z.object({
    backendUrl: Clearable(z.url({ protocol: /^https?$/ }).max(2048)),
    enrollmentToken: Clearable(z.string().min(8).max(256)),
    agentToken: Clearable(z.string().min(8).max(256)),
    agentEmail: Clearable(z.email().max(320)),
  }),
});
export const GetConnection = z.object({ kind: z.literal('getConnection') });
/**
 * The agent asks to sign in: with SSO (a window of the identity provider opens), the console password, or by asking
 * their lead again for approval after a refusal.
 */
export const SignIn = z.discriminatedUnion('mode', [
  z.object({ kind: z.literal('signIn'), mode: z.literal('sso') }),
  z.object({ kind: z.literal('signIn'), mode: z.literal('approval') }),
  z.object({
    kind: z.literal('signIn'),
    mode: z.literal('password'),
    email: z.email().max(320),
    password: z.string().min(1).max(1024),
  }),
]);
/** Forget this browser's token (queued scores stay queued); the next sync proves who it is again. */
export const SignOut = z.object({ kind: z.literal('signOut') });

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
  GetOverlayConfig,
  SetConnection,
  GetConnection,
  SignIn,
  SignOut,
]);
export type BackgroundRequest = z.infer<typeof BackgroundRequest>;
export type BackgroundRequestInput = z.input<typeof BackgroundRequest>;

/**
 * What a content script may ask. Everything else — configuration with secrets, the connection, signing in or out,
 * sync controls — is for the extension's own pages, and the background refuses it from any other sender
 * (lib/background/router.ts). A new kind is page-only until it is added here.
 */
export const CONTENT_SCRIPT_KINDS: ReadonlySet<BackgroundRequest['kind']> = new Set([
  'captureFeedback',
  'captureScriptUsage',
  'undoCapture',
  'getInsights',
  'searchScripts',
  'reportAdapterHealth',
  'getTicketFeedback',
  'reportAgentIdentity',
  'getSalesforceCase',
  'getOverlayConfig',
]);
