import Dexie, { type EntityTable } from 'dexie';
import type { DeskLensEvent } from '../schema/events';

/** One event waiting to reach the backend (or kept after a definitive rejection). */
export interface OutboxRow {
  /** The event's own UUIDv7: time-ordered, so draining by primary key sends oldest first. */
  id: string;
  type: DeskLensEvent['type'];
  event: DeskLensEvent;
  state: 'queued' | 'quarantined';
  attempts: number;
  /** Epoch ms before which this row must not be retried (backoff). */
  notBefore: number;
  /** Why the server rejected it, in words, for quarantined rows. */
  rejection?: string;
  createdAt: number;
}

/** The agent's current score per ticket and round, so a second click replaces rather than adds. */
export interface TicketFeedbackRow {
  helpdesk: string;
  ticketId: string;
  round: 'initial' | 'follow_up';
  eventId: string;
  csat: number;
  capturedAt: string;
  /** The event this one replaced, so undo can restore it. */
  previousEventId?: string;
  previousCsat?: number;
  previousCapturedAt?: string;
  synced: boolean;
}

/** A script from the last catalog pull (lib/schema/scripts.ts ScriptEntry, stored as served). */
export interface CatalogRow {
  id: string;
  entry: import('../schema/scripts').ScriptEntry;
}

/** A customer lookup answer (or `null`: the backend does not know them) kept until `expiresAt`. */
export interface TierCacheRow {
  key: string;
  value: import('../schema/api').CustomerLookupResponse | null;
  expiresAt: number;
}

/**
 * The script ranking index built for one catalog (lib/scripts/term-index.ts stored form), reused on wake: the
 * postings and facts a woken worker ranks with (`current`), and apart from them the document vectors only a
 * catalog delta needs (`vectors`), so that a wake reads half as much.
 */
export type ScriptIndexRow =
  | {
      id: 'current';
      /** indexKey(): catalog version + analysis versions + organisation synonyms. */
      key: string;
      terms: import('../scripts/term-index').StoredTermIndex;
      /** What ranking needs of each script besides its words (absent in indexes stored before it: rebuilt). */
      facts?: import('../scripts/script-facts').StoredScriptFacts;
      builtAt: number;
    }
  | {
      id: 'vectors';
      /** The key of the `current` row these vectors belong to. */
      key: string;
      vectors: import('../scripts/term-index').StoredVectors;
    };

/** One entry of the background's credential store (lib/background/vault.ts). */
export interface VaultRow {
  key: string;
  value: unknown;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export class DeskLensDatabase extends Dexie {
  outbox!: EntityTable<OutboxRow, 'id'>;
  ticketFeedback!: Dexie.Table<TicketFeedbackRow, [string, string, string]>;
  meta!: EntityTable<MetaRow, 'key'>;
  catalog!: EntityTable<CatalogRow, 'id'>;
  tierCache!: EntityTable<TierCacheRow, 'key'>;
  scriptIndex!: EntityTable<ScriptIndexRow, 'id'>;
  vault!: EntityTable<VaultRow, 'key'>;

  constructor(name = 'desklens') {
    super(name);
    // Index only what where() uses: state for draining, eventId for undo lookups.
    this.version(1).stores({
      outbox: 'id, state',
      ticketFeedback: '[helpdesk+ticketId+round], eventId',
      meta: 'key',
    });
    // v2: the script catalog pulled from the backend (queued events and scores are kept as they are).
    this.version(2).stores({ catalog: 'id' });
    // v3: customer tiers from the backend, with expiry.
    this.version(3).stores({ tierCache: 'key' });
    // v4: the built script index, so a woken service worker ranks without analysing the catalog again.
    this.version(4).stores({ scriptIndex: 'id' });
    // v5: where and as whom this browser syncs, and its token: in the extension's own IndexedDB, which no content
    // script or web page can open (storage.local, where they were, is readable and writable by content scripts).
    this.version(5).stores({ vault: 'key' });
  }
}

let instance: DeskLensDatabase | undefined;

/** The background's one database. Tests pass their own name to get an isolated instance. */
export function database(): DeskLensDatabase {
  instance ??= new DeskLensDatabase();
  return instance;
}
