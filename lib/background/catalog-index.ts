import type { ScriptEntry } from '../schema/scripts';
import { createScriptIndex, indexKey, type ScriptIndex } from '../scripts/rank';
import type { StoredTermIndex } from '../scripts/term-index';
import { type CatalogState, onCatalogChanged, readCatalogState } from './catalog';
import type { DeskLensDatabase } from './db';

/**
 * The ranking index in the background, kept across service-worker stops: MV3 stops an idle worker after 30 s,
 * and analysing a large catalog again on every wake would delay the first suggestion by seconds. The built
 * index is stored in IndexedDB under the key of what it was built from (catalog version, analysis, synonyms);
 * a woken worker loads it as it is. A pulled catalog delta is applied to it in place — only new and changed
 * scripts are analysed — and stored again.
 *
 *   scriptIndexFor(db) → the index for the current catalog (memory → IndexedDB → built now)
 */
let current: { db: DeskLensDatabase; key: string; index: ScriptIndex; state: CatalogState } | undefined;

const keyOf = (state: CatalogState) => indexKey(state.version, state.synonyms);

/** Typed arrays and lists as term-index.ts stores them; anything else (an older layout) is rebuilt. */
function usable(terms: unknown): terms is StoredTermIndex {
  const t = terms as Partial<StoredTermIndex> | undefined;
  return (
    t?.version === 1 &&
    Array.isArray(t.vocabulary) &&
    Array.isArray(t.ids) &&
    t.documentStart instanceof Uint32Array &&
    t.entryTerm instanceof Uint32Array &&
    t.entryCounts instanceof Uint8Array &&
    t.fieldLength instanceof Uint16Array &&
    t.termStart instanceof Uint32Array &&
    t.postDoc instanceof Uint32Array &&
    t.postWeight instanceof Float32Array
  );
}

async function store(db: DeskLensDatabase, key: string, index: ScriptIndex): Promise<void> {
  await db.scriptIndex.put({ id: 'current', key, terms: index.toStored(), builtAt: Date.now() });
}

export async function scriptIndexFor(db: DeskLensDatabase): Promise<ScriptIndex> {
  const state = await readCatalogState(db);
  const key = keyOf(state);
  if (current?.db === db && current.key === key) {
    if (current.state.priors !== state.priors) current.index.setPriors(state.priors);
    current.state = state;
    return current.index;
  }
  const settings = { synonyms: state.synonyms, priors: state.priors };
  const stored = await db.scriptIndex.get('current').catch(() => undefined);
  let index: ScriptIndex | undefined;
  if (stored?.key === key && usable(stored.terms)) index = createScriptIndex(state.scripts, settings, stored.terms);
  if (!index) {
    index = createScriptIndex(state.scripts, settings);
    // Kept for the next wake; a failed write (quota) only costs a rebuild then.
    await store(db, key, index).catch(() => undefined);
  }
  current = { db, key, index, state };
  return index;
}

/** Applies a pulled catalog's delta to the index of the previous catalog, when there is one to update. */
async function applyDelta(
  db: DeskLensDatabase,
  delta: { previous: CatalogState; next: CatalogState; changed: ScriptEntry[]; removedIds: string[] },
) {
  const previousKey = keyOf(delta.previous);
  const nextKey = keyOf(delta.next);
  // Other synonyms change how every script is analysed: that is a full build, on the next ranking.
  if (JSON.stringify(delta.previous.synonyms) !== JSON.stringify(delta.next.synonyms)) return;
  let index: ScriptIndex | undefined;
  if (current?.db === db && current.key === previousKey) index = current.index;
  else {
    const stored = await db.scriptIndex.get('current');
    if (stored?.key !== previousKey || !usable(stored.terms)) return;
    index = createScriptIndex(
      delta.previous.scripts,
      { synonyms: delta.previous.synonyms, priors: delta.previous.priors },
      stored.terms,
    );
  }
  index.update(delta.changed, delta.removedIds);
  index.setPriors(delta.next.priors);
  current = { db, key: nextKey, index, state: delta.next };
  await store(db, nextKey, index).catch(() => undefined);
}

onCatalogChanged(applyDelta);

/** Tests: forget the index held in memory, as a stopped service worker does. */
export function forgetIndexInMemory(): void {
  current = undefined;
}
