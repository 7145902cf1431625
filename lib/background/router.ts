import type { BackgroundResult, Insights, ResponseMap } from '../messaging';
import { BackgroundRequest } from '../schema/messages';
import type { DeskLensDatabase } from './db';
import { captureFeedback, currentFeedback, undoFeedback } from './feedback';
import { enqueue } from './outbox';
import { loadEffectiveConfig } from './settings-store';
import { type SyncStatusSource, syncStatus } from './status';

export interface RouterDeps {
  db: DeskLensDatabase;
  /** Ask for a sync soon (coalesced); capture never waits for the network. */
  requestSync: () => void;
  syncNow: () => Promise<void>;
  statusSource: SyncStatusSource;
  insights: (ticket: import('../schema/ticket').TicketContext) => Promise<Insights>;
  searchScripts: (ticket: import('../schema/ticket').TicketContext, query: string) => Promise<Insights['scripts']>;
  salesforceCase: (pageUrl: string, caseId: string, caseStatus?: string) => Promise<ResponseMap['getSalesforceCase']>;
  rememberIdentity: (identity: { email: string; name?: string; helpdeskUserId?: string }) => Promise<void>;
}

/**
 * Handle one message. Everything is parsed first; a malformed request is answered with an error naming
 * the field and nothing is written.
 */
export async function handleMessage(deps: RouterDeps, raw: unknown): Promise<BackgroundResult<unknown>> {
  const parsed = BackgroundRequest.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: `bad request: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`,
    };
  }
  const request = parsed.data;
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
          pageUrl: request.pageUrl,
        });
        deps.requestSync();
        return { ok: true, value: { recorded: true } };
      }
      case 'getTicketFeedback':
        return { ok: true, value: { current: await currentFeedback(deps.db, request.helpdesk, request.ticketId) } };
      case 'reportAgentIdentity': {
        await deps.rememberIdentity({
          email: request.email,
          name: request.name,
          helpdeskUserId: request.helpdeskUserId,
        });
        deps.requestSync();
        return { ok: true, value: { enrolled: false } };
      }
      case 'getInsights':
        return { ok: true, value: await deps.insights(request.ticket) };
      case 'searchScripts':
        return { ok: true, value: await deps.searchScripts(request.ticket, request.query) };
      case 'getStatus':
        return { ok: true, value: await syncStatus(deps.db, deps.statusSource) };
      case 'syncNow':
        await deps.syncNow();
        return { ok: true, value: await syncStatus(deps.db, deps.statusSource) };
      case 'getSalesforceCase':
        return { ok: true, value: await deps.salesforceCase(request.pageUrl, request.caseId, request.caseStatus) };
      case 'getConfig':
        return { ok: true, value: await loadEffectiveConfig() };
    }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
