import ky from 'ky';
import { CatalogResponse } from '../schema/api';
import { CHECKIN_HEADERS } from '../schema/fleet';
import type { OrgSynonyms, ScriptEntry } from '../schema/scripts';
import { DEFAULT_CATALOG } from '../scripts/default-catalog';
import type { ScriptPrior } from '../scripts/priors';
import { apiUrl } from './api-url';
import type { DeskLensDatabase } from './db';
import { countByState } from './outbox';
import type { SyncTarget } from './sync';

/**
 * The script catalog in the background: pulled from the backend with If-None-Match (an unchanged catalog costs
 * one request and no body), kept in IndexedDB, and read by the insights for every ticket.
 *
 *   pullCatalog(db, target, now) → 'updated' | 'unchanged' | error text
 *   readCatalog(db)              → the scripts to rank (the built-in defaults until a first pull)
 *   readCatalogState(db)         → the same with its version, the organisation's synonyms and learned priors
 *   readCatalogHead(db)          → the version, synonyms and priors alone, without reading the scripts
 *   readCatalogEntries(db, ids)  → just these scripts (what a woken worker shows after ranking with its index)
 * After a pull that changed scripts, `onCatalogChanged` listeners get the delta (catalog-index.ts applies it).
 */
const META_KEY = 'catalog';

interface CatalogMeta {
  etag?: string;
  version?: string;
  pulledAt?: number;
  synonyms?: OrgSynonyms;
  priors?: ScriptPrior[];
}

/** What the ranking index is keyed on and ranks with, without the scripts themselves. */
export interface CatalogHead {
  /** The server's fingerprint of the scripts, or the built-in catalog's. */
  version: string;
  synonyms: OrgSynonyms;
  priors: ScriptPrior[];
}

export interface CatalogState extends CatalogHead {
  scripts: ScriptEntry[];
}

export interface CatalogDelta {
  previous: CatalogState;
  next: CatalogState;
  changed: ScriptEntry[];
  removedIds: string[];
}

type CatalogListener = (db: DeskLensDatabase, delta: CatalogDelta) => Promise<void>;
const listeners: CatalogListener[] = [];
export function onCatalogChanged(listener: CatalogListener): void {
  listeners.push(listener);
}

/** The built-in catalog's version: it changes with the extension's own scripts. */
export const BUILTIN_VERSION = `builtin-${fingerprint(JSON.stringify(DEFAULT_CATALOG))}`;

function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

async function readMeta(db: DeskLensDatabase): Promise<CatalogMeta> {
  return ((await db.meta.get(META_KEY))?.value as CatalogMeta | undefined) ?? {};
}

/** The fleet-health check-in riding on the pull: this build's version and what waits in the outbox. */
async function checkinHeaders(db: DeskLensDatabase, target: SyncTarget): Promise<Record<string, string>> {
  const { queued, quarantined } = await countByState(db);
  return {
    [CHECKIN_HEADERS.queued]: String(queued),
    [CHECKIN_HEADERS.rejected]: String(quarantined),
    ...(target.extensionVersion ? { [CHECKIN_HEADERS.version]: target.extensionVersion } : {}),
  };
}

export async function pullCatalog(
  db: DeskLensDatabase,
  target: SyncTarget,
  now = Date.now(),
): Promise<'updated' | 'unchanged' | { error: string; tokenRefused?: boolean }> {
  const meta = await readMeta(db);
  let response: Response;
  try {
    response = await ky.get(apiUrl(target.backendUrl, 'api/v1/catalog'), {
      headers: {
        authorization: `Bearer ${target.token}`,
        ...(meta.etag ? { 'if-none-match': meta.etag } : {}),
        ...(await checkinHeaders(db, target)),
      },
      timeout: 15_000,
      throwHttpErrors: false,
      retry: { limit: 2, jitter: true },
    });
  } catch (error) {
    return { error: `could not fetch scripts (${error instanceof Error ? error.message : String(error)})` };
  }
  if (response.status === 304) {
    await db.meta.put({ key: META_KEY, value: { ...meta, pulledAt: now } });
    return 'unchanged';
  }
  if (!response.ok)
    return {
      error: `the server answered ${response.status} for the script catalog`,
      ...(response.status === 401 ? { tokenRefused: true } : {}),
    };
  const parsed = CatalogResponse.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) return { error: 'the script catalog from the server was not understood' };
  const previous = await readCatalogState(db);
  const { version, scripts, synonyms, priors } = parsed.data;
  // Replace the whole catalog at once: an agent never sees half of an old and half of a new one.
  await db.transaction('rw', db.catalog, db.meta, async () => {
    await db.catalog.clear();
    await db.catalog.bulkPut(scripts.map((entry) => ({ id: entry.id, entry })));
    await db.meta.put({
      key: META_KEY,
      value: { etag: response.headers.get('etag') ?? undefined, version, pulledAt: now, synonyms, priors },
    });
  });
  cached = undefined;
  cachedHead = undefined;
  const next = await readCatalogState(db);
  const before = new Map(previous.scripts.map((script) => [script.id, script]));
  const delta: CatalogDelta = {
    previous,
    next,
    changed: next.scripts.filter((script) => {
      const old = before.get(script.id);
      return !old || old.version !== script.version || old.status !== script.status;
    }),
    removedIds: [...before.keys()].filter((id) => !next.scripts.some((script) => script.id === id)),
  };
  for (const listener of listeners) await listener(db, delta).catch(() => undefined);
  return 'updated';
}

/** Due when never pulled, or pulled longer ago than the configured interval. */
export async function catalogPullDue(
  db: DeskLensDatabase,
  intervalMinutes: number,
  now = Date.now(),
): Promise<boolean> {
  const { pulledAt } = await readMeta(db);
  return pulledAt === undefined || now - pulledAt >= intervalMinutes * 60_000;
}

/** Same objects until the next pull, so the ranking index is built once per catalog version. */
let cached: { db: DeskLensDatabase; state: CatalogState } | undefined;

export async function readCatalogState(db: DeskLensDatabase): Promise<CatalogState> {
  if (cached?.db === db) return cached.state;
  const [rows, meta] = await Promise.all([db.catalog.toArray(), readMeta(db)]);
  const state: CatalogState =
    rows.length > 0
      ? {
          scripts: rows.map((row) => row.entry),
          version: meta.version ?? `rows-${rows.length}`,
          synonyms: meta.synonyms ?? [],
          priors: meta.priors ?? [],
        }
      : { scripts: DEFAULT_CATALOG, version: BUILTIN_VERSION, synonyms: [], priors: [] };
  cached = { db, state };
  return state;
}

let cachedHead: { db: DeskLensDatabase; head: CatalogHead } | undefined;

/**
 * The catalog's version, synonyms and priors as readCatalogState gives them, from the meta row and at most one
 * catalog key: a woken worker learns which stored index to load without reading every script.
 */
export async function readCatalogHead(db: DeskLensDatabase): Promise<CatalogHead> {
  if (cached?.db === db) return cached.state;
  if (cachedHead?.db === db) return cachedHead.head;
  const meta = await readMeta(db);
  // Without rows the built-in catalog is in force; a version-less catalog is named by its size.
  const rows = meta.version === undefined ? await db.catalog.count() : (await db.catalog.limit(1).primaryKeys()).length;
  const head: CatalogHead =
    rows > 0
      ? { version: meta.version ?? `rows-${rows}`, synonyms: meta.synonyms ?? [], priors: meta.priors ?? [] }
      : { version: BUILTIN_VERSION, synonyms: [], priors: [] };
  cachedHead = { db, head };
  return head;
}

const builtinById = new Map(DEFAULT_CATALOG.map((script) => [script.id, script]));

/**
 * The catalog entries with these ids, from the catalog `version` is the version of (the built-in one or the
 * stored rows). Ids no longer in it are left out: the caller learns the catalog changed under it.
 */
export async function readCatalogEntries(db: DeskLensDatabase, version: string, ids: string[]): Promise<ScriptEntry[]> {
  if (cached?.db === db && cached.state.version === version) {
    const byId = new Set(ids);
    return cached.state.scripts.filter((script) => byId.has(script.id));
  }
  if (version === BUILTIN_VERSION) return ids.flatMap((id) => builtinById.get(id) ?? []);
  return (await db.catalog.bulkGet(ids)).flatMap((row) => (row ? [row.entry] : []));
}

export async function readCatalog(db: DeskLensDatabase): Promise<ScriptEntry[]> {
  return (await readCatalogState(db)).scripts;
}
