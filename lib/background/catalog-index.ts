import type { ScriptEntry } from '../schema/scripts';
import {
  createScriptIndex,
  indexKey,
  loadScriptIndex,
  type PendingSuggestions,
  type ScriptIndex,
  type StoredIndex,
  type Suggestion,
} from '../scripts/rank';
import { ScriptFacts } from '../scripts/script-facts';
import { shippedSituationModel } from '../scripts/situations/default-model';
import type { StoredTermIndex, StoredVectors } from '../scripts/term-index';
import {
  type CatalogHead,
  type CatalogState,
  onCatalogChanged,
  readCatalogEntries,
  readCatalogHead,
  readCatalogState,
} from './catalog';
import type { DeskLensDatabase, ScriptIndexRow } from './db';

/**
 * The ranking index in the background, kept across service-worker stops: MV3 stops an idle worker after 30 s,
 * and analysing a large catalog again on every wake would delay the first suggestion by seconds. The built
 * index is stored in IndexedDB under the key of what it was built from (catalog version, analysis, synonyms)
 * with what ranking needs of each script (script-facts.ts); a woken worker loads it as it is, ranks with it
 * alone, and reads from the catalog only the few scripts it shows. A pulled catalog delta is applied to it in
 * place — only new and changed scripts are analysed — and stored again.
 *
 *   scriptIndexFor(db)              → the index for the current catalog (memory → IndexedDB → built now)
 *   showSuggestions(db, index, pending) → ranked suggestions with their catalog entries read
 */
let current: { db: DeskLensDatabase; key: string; index: ScriptIndex; head: CatalogHead } | undefined;

const keyOf = (head: CatalogHead) => indexKey(head.version, head.synonyms);

type CurrentRow = Extract<ScriptIndexRow, { id: 'current' }>;

/** Typed arrays and lists as term-index.ts and script-facts.ts store them; anything else is rebuilt. */
function usable(row: ScriptIndexRow | undefined): row is CurrentRow & StoredIndex {
  if (row?.id !== 'current') return false;
  const t = row.terms as Partial<StoredTermIndex> | undefined;
  return (
    t?.version === 2 &&
    Array.isArray(t.vocabulary) &&
    Array.isArray(t.ids) &&
    t.termStart instanceof Uint32Array &&
    t.postDoc instanceof Uint32Array &&
    t.postWeight instanceof Float32Array &&
    ScriptFacts.usable(row.facts)
  );
}

function usableVectors(row: ScriptIndexRow | undefined, key: string): StoredVectors | undefined {
  if (row?.id !== 'vectors' || row.key !== key) return undefined;
  const v = row.vectors as Partial<StoredVectors> | undefined;
  return v?.documentStart instanceof Uint32Array &&
    v.entryTerm instanceof Uint32Array &&
    v.entryCounts instanceof Uint8Array &&
    v.fieldLength instanceof Uint16Array
    ? (v as StoredVectors)
    : undefined;
}

/** The postings and facts in one row, the vectors a delta needs in another, written together. */
export async function storeScriptIndex(db: DeskLensDatabase, key: string, index: ScriptIndex): Promise<void> {
  const { terms, facts } = index.toStored();
  const { vectors, ...postings } = terms;
  // Typed rows first: Dexie's insert type does not follow a union of row shapes.
  const main: ScriptIndexRow = { id: 'current', key, terms: postings, facts, builtAt: Date.now() };
  const apart: ScriptIndexRow | undefined = vectors ? { id: 'vectors', key, vectors } : undefined;
  await db.transaction('rw', db.scriptIndex, async () => {
    await db.scriptIndex.put(main);
    if (apart) await db.scriptIndex.put(apart);
    else await db.scriptIndex.delete('vectors');
  });
}

/** The stored index with its vectors, as a delta needs it; undefined when either row is not for `key`. */
async function storedWithVectors(db: DeskLensDatabase, key: string): Promise<StoredIndex | undefined> {
  const [current, vectors] = await db.scriptIndex.bulkGet(['current', 'vectors']);
  if (!usable(current) || current.key !== key) return undefined;
  const attached = usableVectors(vectors, key);
  return attached ? { terms: { ...current.terms, vectors: attached }, facts: current.facts } : undefined;
}

export async function scriptIndexFor(db: DeskLensDatabase): Promise<ScriptIndex> {
  const head = await readCatalogHead(db);
  const key = keyOf(head);
  if (current?.db === db && current.key === key) {
    if (current.head.priors !== head.priors) current.index.setPriors(head.priors);
    current.head = head;
    return current.index;
  }
  const settings = { synonyms: head.synonyms, priors: head.priors, situations: shippedSituationModel() };
  const stored = await db.scriptIndex.get('current').catch(() => undefined);
  // The stored index ranks without the catalog: its entries are read when suggestions show them.
  let index = stored?.key === key && usable(stored) ? loadScriptIndex(stored, settings) : undefined;
  if (!index) {
    index = createScriptIndex((await readCatalogState(db)).scripts, settings);
    // Kept for the next wake; a failed write (quota) only costs a rebuild then.
    await storeScriptIndex(db, key, index).catch(() => undefined);
  }
  current = { db, key, index, head };
  return index;
}

/**
 * Suggestions the index ranked, with the catalog entries they show: read now for those the index does not hold
 * yet (a woken worker's index holds none), a handful of rows by id.
 */
export async function showSuggestions(
  db: DeskLensDatabase,
  index: ScriptIndex,
  pending: PendingSuggestions,
): Promise<Suggestion[]> {
  const missing = pending.needs.filter((id) => !index.knows(id));
  if (missing.length > 0) {
    const version = current?.index === index ? current.head.version : (await readCatalogHead(db)).version;
    index.remember(await readCatalogEntries(db, version, missing));
  }
  // A script gone from the catalog since the index was stored is not shown (the next pull updates the index).
  return pending.resolve(true);
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
  if (current?.db === db && current.key === previousKey && current.index.canUpdate) index = current.index;
  else if (current?.db === db && current.key === previousKey) {
    // A woken worker's index: the vectors a delta derives postings from are read only now.
    const vectors = usableVectors(await db.scriptIndex.get('vectors'), previousKey);
    if (!vectors) return;
    index = current.index;
    index.attachVectors(vectors);
  } else {
    const stored = await storedWithVectors(db, previousKey);
    if (!stored) return;
    index = createScriptIndex(
      delta.previous.scripts,
      { synonyms: delta.previous.synonyms, priors: delta.previous.priors, situations: shippedSituationModel() },
      stored,
    );
  }
  index.update(delta.changed, delta.removedIds);
  index.setPriors(delta.next.priors);
  current = { db, key: nextKey, index, head: delta.next };
  await storeScriptIndex(db, nextKey, index).catch(() => undefined);
}

onCatalogChanged(applyDelta);

/** Tests: forget the index held in memory, as a stopped service worker does. */
export function forgetIndexInMemory(): void {
  current = undefined;
}
