import type { BackgroundResult, Insights, ResponseMap } from '../messaging';
import { type AgentConnection, overlayConfigOf } from '../schema/config';
import { BackgroundRequest, CONTENT_SCRIPT_KINDS } from '../schema/messages';
import type { DeskLensDatabase } from './db';
import { captureFeedback, currentFeedback, undoFeedback } from './feedback';
import type { Identity } from './identity/identity';
import { enqueue } from './outbox';
import { loadEffectiveConfig } from './settings-store';
import { type SyncStatusSource, syncStatus } from './status';

/** Who sent a message, as the browser tells it (never as the message says). */
export interface Sender {
  id?: string;
  /** The URL of the frame that sent it: the web page for a content script, our own page for the popup or options. */
  url?: string;
  /** Present for any sender in a tab: content scripts always, extension pages when opened as a tab. */
  tab?: unknown;
}

export interface RouterDeps {
  db: DeskLensDatabase;
  /** The extension's own origin, `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  extensionOrigin: string;
  /** This build's version: adapter-health reports carry it, so admins see which release a helpdesk change broke. */
  extensionVersion?: string;
  /** Ask for a sync soon (coalesced); capture never waits for the network. */
  requestSync: () => void;
  syncNow: () => Promise<void>;
  statusSource: SyncStatusSource;
  identity: Identity;
  insights: (ticket: import('../schema/ticket').TicketContext) => Promise<Insights>;
  searchScripts: (ticket: import('../schema/ticket').TicketContext, query: string) => Promise<Insights['scripts']>;
  salesforceCase: (pageUrl: string, caseId: string, caseStatus?: string) => Promise<ResponseMap['getSalesforceCase']>;
  readConnection: () => Promise<AgentConnection>;
  /** Saves the connection; the caller then connects at once. */
  saveConnection: (connection: { [K in keyof AgentConnection]?: string | null }) => Promise<void>;
}

/**
 * Whether the sender is one of the extension's own pages (popup, options), not a content script. A content script's
 * frame is the helpdesk page, so its `url` is the page's; the browser fills that in, a page cannot change it.
 */
export function isExtensionPage(sender: Sender, extensionOrigin: string): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}

/**
 * Handle one message. Everything is parsed first; a malformed request is answered with an error naming the field and
 * nothing is written. Only the kinds in CONTENT_SCRIPT_KINDS are answered for a content script (any sender with a
 * tab whose frame is not one of ours); configuration with secrets, the connection and signing in are for the
 * extension's own pages. URLs the background acts on come from the sender, never from the message.
 */
export async function handleMessage(
  deps: RouterDeps,
  raw: unknown,
  sender: Sender,
): Promise<BackgroundResult<unknown>> {
  const parsed = BackgroundRequest.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: `bad request: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`,
    };
  }
  const request = parsed.data;
  const fromPage = isExtensionPage(sender, deps.extensionOrigin);
  if (!fromPage && !CONTENT_SCRIPT_KINDS.has(request.kind))
    return { ok: false, error: `refused: ${request.kind} is only for DeskLens’s own pages` };
  try {
    switch (request.kind) {
      case 'captureFeedback': {
        const value: ResponseMap['captureFeedback'] = await captureFeedback(deps.db, request.event);
        deps.requestSync();
        return { ok: true, value };
      }
      case 'undoCapture': {
        const undone = await undoFeedback(deps.db, request.eventId);
        if (undone) deps.requestSync();
        return { ok: true, value: { undone } };
      }
      case 'captureScriptUsage': {
        const event = await enqueue(deps.db, request.event);
        deps.requestSync();
        return { ok: true, value: { eventId: event.id } };
      }
      case 'reportAdapterHealth': {
        await enqueue(deps.db, {
          type: 'adapter_health',
          helpdesk: request.helpdesk,
          missing: request.missing,
          ...(deps.extensionVersion ? { extensionVersion: deps.extensionVersion } : {}),
          ...(sender.url && /^https?:/.test(sender.url) ? { pageUrl: sender.url.slice(0, 2048) } : {}),
        });
        deps.requestSync();
        return { ok: true, value: { recorded: true } };
      }
      case 'getTicketFeedback':
        return { ok: true, value: { current: await currentFeedback(deps.db, request.helpdesk, request.ticketId) } };
      case 'reportAgentIdentity': {
        const silentSsoIn = await deps.identity.rememberReported({
          email: request.email,
          name: request.name,
          helpdeskUserId: request.helpdeskUserId,
        });
        deps.requestSync();
        if (silentSsoIn > 0) setTimeout(deps.requestSync, silentSsoIn);
        return { ok: true, value: { enrolled: false } };
      }
      case 'getInsights':
        return { ok: true, value: await deps.insights(request.ticket) };
      case 'searchScripts':
        return { ok: true, value: await deps.searchScripts(request.ticket, request.query) };
      case 'getSalesforceCase': {
        if (!sender.url || !/^https:/.test(sender.url))
          return { ok: false, error: 'refused: a Salesforce case is read for the page that asks, and this is none' };
        return { ok: true, value: await deps.salesforceCase(sender.url, request.caseId, request.caseStatus) };
      }
      case 'getOverlayConfig':
        return { ok: true, value: overlayConfigOf(await loadEffectiveConfig()) };
      case 'getStatus':
        return { ok: true, value: await syncStatus(deps.db, deps.statusSource) };
      case 'syncNow':
        await deps.syncNow();
        return { ok: true, value: await syncStatus(deps.db, deps.statusSource) };
      case 'getConfig':
        return { ok: true, value: await loadEffectiveConfig() };
      case 'getConnection':
        return { ok: true, value: await deps.readConnection() };
      case 'setConnection':
        await deps.saveConnection(request.connection);
        return { ok: true, value: await deps.readConnection() };
      case 'signIn': {
        const answer = await deps.identity.signIn(await loadEffectiveConfig(), request);
        if (!answer.ok) return { ok: false, error: answer.error };
        deps.requestSync();
        return { ok: true, value: answer.state };
      }
      case 'signOut':
        await deps.identity.signOut();
        return { ok: true, value: await deps.identity.state() };
    }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
