import browser from 'webextension-polyfill';
import type { SalesforceCaseRecord } from './background/salesforce-case';
import type { AgentConnection, EffectiveConfig, OverlayConfig } from './schema/config';
import type { IdentityState } from './schema/identity';
import type { BackgroundRequestInput } from './schema/messages';

/**
 * The typed protocol between content scripts / extension pages and the background.
 * This file is imported by content scripts, so it must stay free of zod, Dexie and ky at run time:
 * the background parses every request with the zod schemas in lib/schema/messages.ts.
 */

export type SyncState = 'queued' | 'synced' | 'failed';

export interface CapturedFeedback {
  eventId: string;
  csat: number;
  round: 'initial' | 'follow_up';
  capturedAt: string;
  syncState: SyncState;
}

export interface SyncStatus {
  queued: number;
  sent: number;
  failed: number;
  quarantined: { eventId: string; type: string; reason: string }[];
  lastError?: string;
  lastSyncAt?: string;
  enrolled: boolean;
  backendUrl?: string;
  /** Where this browser stands in proving who uses it (signed in, waiting for approval, needs sign-in…). */
  identity: IdentityState;
}

type Bilingual = { en: string; zh_CN: string; zh_TW?: string };

/** What the overlay shows for one ticket, computed in the background from the engines. */
export interface Insights {
  ticketId: string;
  /** When the figures below were computed (epoch ms); the overlay's ticker counts from here. */
  computedAt: number;
  grade: 'urgent' | 'important' | 'normal';
  tier?: {
    id: string;
    label: Bilingual;
    colour: string;
    lifecycle: 'new' | 'growing' | 'mature' | 'declining' | 'at_risk';
    reasons: Bilingual[];
    /** What the badge's details add about this customer: their last scores and open complaints, when known. */
    history: { lastCsat?: number; lastNps?: number; openComplaints?: number };
  };
  sla: {
    metric: string;
    label: Bilingual;
    state: 'active' | 'paused' | 'fulfilled';
    breached: boolean;
    level: 'ok' | 'warn' | 'urgent' | 'breached';
    deadline?: string;
    businessHours: boolean;
    /** Time left at `computedAt`, in the target's own terms (business time for business-hours targets). */
    msLeft: number;
    /** The target itself, in the same terms. */
    targetMs: number;
    /** Whether that time is running down at `computedAt` (false while paused or outside business hours). */
    ticking: boolean;
    /** Which cycle of the metric the clock shows, from 1 (a reopened ticket's clocks start new cycles). */
    cycle: number;
    /** Activated and fulfilled in the same instant: shown, but not an outcome of its own. */
    zeroLength?: true;
    /** How the cycle before ended, when there was one: reported as its own outcome. */
    previous?: { cycle: number; breached: boolean; msLeft: number; fulfilledAt: string; deadline?: string };
  }[];
  scripts: {
    id: string;
    version: number;
    title: string;
    /** The language of `title` and `text` as shown. */
    locale: 'en' | 'zh_CN' | 'zh_TW';
    /**
     * Set when `title` and `text` are a machine conversion of a Simplified script for an agent reading Traditional
     * (no trainer wrote a zh_TW version): the overlay says so, so the agent reads it before it goes out.
     */
    convertedFrom?: 'zh_CN';
    /** The body filled in for this ticket; variables without a value are listed in `missing`. */
    text: string;
    missing: string[];
    reasons: import('./scripts/rank').SuggestionReason[];
  }[];
  /** The score already recorded for this ticket on this browser, if any (so one round trip serves a switch). */
  feedback?: CapturedFeedback;
}

export interface ResponseMap {
  captureFeedback: CapturedFeedback;
  captureScriptUsage: { eventId: string };
  undoCapture: { undone: boolean };
  getInsights: Insights;
  searchScripts: Insights['scripts'];
  reportAdapterHealth: { recorded: boolean };
  getTicketFeedback: { current?: CapturedFeedback };
  reportAgentIdentity: { enrolled: boolean };
  getStatus: SyncStatus;
  syncNow: SyncStatus;
  getConfig: EffectiveConfig;
  getOverlayConfig: OverlayConfig;
  getConnection: AgentConnection;
  setConnection: AgentConnection;
  signIn: IdentityState;
  signOut: IdentityState;
  getSalesforceCase: SalesforceCaseRecord;
}

export type BackgroundResult<T> = { ok: true; value: T } | { ok: false; error: string };

export type RequestKind = BackgroundRequestInput['kind'];
export type RequestOf<K extends RequestKind> = Extract<BackgroundRequestInput, { kind: K }>;

/**
 * Ask the background. Never throws: a dead or reloading extension context, or a background error,
 * comes back as `{ ok: false }` so host pages never see an exception from us.
 */
export async function askBackground<K extends RequestKind>(
  request: RequestOf<K>,
): Promise<BackgroundResult<ResponseMap[K]>> {
  try {
    const answer = (await browser.runtime.sendMessage(request)) as BackgroundResult<ResponseMap[K]> | undefined;
    if (!answer || typeof answer !== 'object' || !('ok' in answer)) {
      return { ok: false, error: 'DeskLens background did not answer' };
    }
    return answer;
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
