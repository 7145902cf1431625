import ky from 'ky';
import { CatalogResponse } from '../schema/api';
import type { ScriptEntry } from '../schema/scripts';
import { DEFAULT_CATALOG } from '../scripts/default-catalog';
import { apiUrl } from './api-url';
import type { DeskLensDatabase } from './db';
import type { SyncTarget } from './sync';

/**
 * The script catalog in the background: pulled from the backend with If-None-Match (an unchanged catalog costs
 * one request and no body), kept in IndexedDB, and read by the insights for every ticket.
 *
 *   pullCatalog(db, target, now) → 'updated' | 'unchanged' | error text
 *   readCatalog(db)              → the scripts to rank (the built-in defaults until a first pull)
 */
const META_KEY = 'catalog';

interface CatalogMeta {
  etag?: string;
  version?: string;
  pulledAt?: number;
}

async function readMeta(db: DeskLensDatabase): Promise<CatalogMeta> {
  return ((await db.meta.get(META_KEY))?.value as CatalogMeta | undefined) ?? {};
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
      headers: { authorization: `Bearer ${target.token}`, ...(meta.etag ? { 'if-none-match': meta.etag } : {}) },
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
  // Replace the whole catalog at once: an agent never sees half of an old and half of a new one.
  await db.transaction('rw', db.catalog, db.meta, async () => {
    await db.catalog.clear();
    await db.catalog.bulkPut(parsed.data.scripts.map((entry) => ({ id: entry.id, entry })));
    await db.meta.put({
      key: META_KEY,
      value: { etag: response.headers.get('etag') ?? undefined, version: parsed.data.version, pulledAt: now },
    });
  });
  cached = undefined;
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

/** Same array object until the next pull, so the ranking index is built once per catalog version. */
let cached: { db: DeskLensDatabase; scripts: ScriptEntry[] } | undefined;

export async function readCatalog(db: DeskLensDatabase): Promise<ScriptEntry[]> {
  if (cached?.db === db) return cached.scripts;
  const rows = await db.catalog.toArray();
  const scripts = rows.length > 0 ? rows.map((row) => row.entry) : DEFAULT_CATALOG;
  cached = { db, scripts };
  return scripts;
}
