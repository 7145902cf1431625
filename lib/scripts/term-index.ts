/**
 * A compact BM25F index over typed arrays: each term's postings hold one precomputed weight per document, so
 * ranking a ticket is a few additions per posting and no allocation per document.
 *
 * Why not MiniSearch (used before): with script bodies indexed, 10,000 scripts took ~30 MB of Maps, ~9 ms per
 * query and ~440 ms to load back from its JSON — over the budgets of 20 MB, 2 ms and 300 ms. Here a posting is
 * 8 bytes, a query touches only typed arrays, and the stored form is a handful of ArrayBuffers that IndexedDB
 * clones as they are.
 *
 * Per document the index keeps its terms and per-field counts, so a catalog delta re-analyses only the scripts
 * that changed and re-derives the postings from the kept counts (`commit`), which is fast.
 */
export interface FieldSpec {
  name: string;
  boost: number;
}

/** A document's analysed fields (terms per field) and its whole-expression keys with their weight. */
export interface DocumentInput {
  id: string;
  fields: string[][];
  /** Phrase keys (expressions.ts) with the weight a match earns; scored apart from BM25. */
  phrases: { key: string; weight: number }[];
}

/** What is kept in IndexedDB: plain arrays and typed arrays, cloned as they are. */
export interface StoredTermIndex {
  version: 2;
  fields: string[];
  vocabulary: string[];
  ids: string[];
  /** The postings as commit() derived them, so a woken worker ranks without recomputing them. */
  termStart: Uint32Array;
  postDoc: Uint32Array;
  postWeight: Float32Array;
  /**
   * The documents' terms and counts, from which a catalog delta derives the postings again. Only deltas and
   * storing need them, so they are kept apart from the postings (a woken worker reads half as much) and an
   * index loaded without them ranks as well; `attachVectors` gives them back before a delta.
   */
  vectors?: StoredVectors;
}

export interface StoredVectors {
  /** Per document: start of its entries in `entryTerm` (length = documents + 1). */
  documentStart: Uint32Array;
  entryTerm: Uint32Array;
  /** Per entry and field, the term's count (capped at 255); phrase entries hold their weight × 10 in field 0. */
  entryCounts: Uint8Array;
  /** Per document and field, the field's length in terms (capped at 65,535). */
  fieldLength: Uint16Array;
}

const K1 = 1.2;
const B = 0.75;
export const PHRASE_PREFIX = '\u0001';

interface DocumentVector {
  id: string;
  terms: Uint32Array;
  counts: Uint8Array;
  lengths: Uint16Array;
}

export class TermIndex {
  readonly fields: FieldSpec[];
  private vocabulary: string[] = [];
  private termIds = new Map<string, number>();
  /** Per slot: the document's vector, null once removed, undefined while still only in `packed`. */
  private documents: (DocumentVector | null | undefined)[] = [];
  /** The stored form this index was loaded from: vectors are cut from it only when a slot is read. */
  private packed: StoredTermIndex | undefined;
  private byId = new Map<string, number>();
  // Postings, rebuilt by commit(): CSR layout, term → [start, end) in postDoc / postWeight.
  private termStart: Uint32Array = new Uint32Array(1);
  private postDoc: Uint32Array = new Uint32Array(0);
  private postWeight: Float32Array = new Float32Array(0);
  private sortedVocabulary: string[] | undefined;

  constructor(fields: FieldSpec[]) {
    this.fields = fields;
  }

  get documentCount(): number {
    return this.byId.size;
  }

  /** Slot numbers run to this bound (removed documents leave a hole until the index is stored). */
  get slotCount(): number {
    return this.documents.length;
  }

  private vectorAt(slot: number): DocumentVector | undefined {
    const known = this.documents[slot];
    if (known !== undefined) return known ?? undefined;
    const packed = this.packed;
    if (!packed || slot >= packed.ids.length) return undefined;
    const vectors = packed.vectors;
    if (!vectors) throw new Error('the index was loaded without its document vectors: attachVectors() first');
    const fieldCount = this.fields.length;
    const from = vectors.documentStart[slot] as number;
    const to = vectors.documentStart[slot + 1] as number;
    // Views into the stored buffers: nothing is copied.
    const vector = {
      id: packed.ids[slot] as string,
      terms: vectors.entryTerm.subarray(from, to),
      counts: vectors.entryCounts.subarray(from * fieldCount, to * fieldCount),
      lengths: vectors.fieldLength.subarray(slot * fieldCount, (slot + 1) * fieldCount),
    };
    this.documents[slot] = vector;
    return vector;
  }

  private allVectors(): (DocumentVector | null)[] {
    return Array.from({ length: this.documents.length }, (_, slot) => this.vectorAt(slot) ?? null);
  }

  idAt(slot: number): string | undefined {
    const known = this.documents[slot];
    if (known === null) return undefined;
    return known ? known.id : this.packed?.ids[slot];
  }

  slotOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }

  term(termId: number): string {
    return this.vocabulary[termId] as string;
  }

  /** Every phrase key in the index (to rebuild the lookups that find them in a ticket). */
  *phraseKeys(): Iterable<string> {
    for (const term of this.vocabulary) if (term.startsWith(PHRASE_PREFIX)) yield term;
  }

  private intern(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.vocabulary.length;
      this.vocabulary.push(term);
      this.termIds.set(term, id);
      this.sortedVocabulary = undefined;
    }
    return id;
  }

  add(document: DocumentInput): void {
    this.remove(document.id);
    const fieldCount = this.fields.length;
    const counts = new Map<number, Uint8Array>();
    const lengths = new Uint16Array(fieldCount);
    document.fields.forEach((terms, field) => {
      lengths[field] = Math.min(65_535, terms.length);
      for (const term of terms) {
        const id = this.intern(term);
        let row = counts.get(id);
        if (!row) {
          row = new Uint8Array(fieldCount);
          counts.set(id, row);
        }
        row[field] = Math.min(255, (row[field] as number) + 1);
      }
    });
    for (const { key, weight } of document.phrases) {
      const id = this.intern(key);
      const row = new Uint8Array(fieldCount);
      row[0] = Math.min(255, Math.round(weight * 10));
      counts.set(id, row);
    }
    const ordered = [...counts.keys()].sort((a, b) => a - b);
    const vector: DocumentVector = {
      id: document.id,
      terms: Uint32Array.from(ordered),
      counts: new Uint8Array(ordered.length * fieldCount),
      lengths,
    };
    ordered.forEach((termId, i) => {
      vector.counts.set(counts.get(termId) as Uint8Array, i * fieldCount);
    });
    this.byId.set(document.id, this.documents.length);
    this.documents.push(vector);
  }

  remove(id: string): void {
    const slot = this.byId.get(id);
    if (slot === undefined) return;
    this.documents[slot] = null;
    this.byId.delete(id);
  }

  /**
   * Whether the document at `slot` holds the term: binary search in the term's postings, which commit() lays out
   * in slot order (so an index loaded without its vectors answers too).
   */
  has(slot: number, termId: number): boolean {
    if (this.documents[slot] === null) return false;
    let low = this.termStart[termId] as number;
    let high = this.termStart[termId + 1] as number;
    while (low < high) {
      const mid = (low + high) >> 1;
      const value = this.postDoc[mid] as number;
      if (value === slot) return true;
      if (value < slot) low = mid + 1;
      else high = mid;
    }
    return false;
  }

  /** Whether deltas and storing can run: the vectors are in memory (built here, or attached). */
  get hasVectors(): boolean {
    return this.packed === undefined || this.packed.vectors !== undefined;
  }

  /** The vectors stored apart from an index loaded without them (they must be from the same stored index). */
  attachVectors(vectors: StoredVectors): void {
    if (!this.packed) return;
    if (vectors.documentStart.length !== this.packed.ids.length + 1)
      throw new Error('these document vectors are of another stored index');
    this.packed = { ...this.packed, vectors };
  }

  /** Recomputes the postings and their BM25F weights from the kept counts. */
  commit(): void {
    const fieldCount = this.fields.length;
    const boosts = this.fields.map((f) => f.boost);
    const termCount = this.vocabulary.length;
    const documentFrequency = new Uint32Array(termCount);
    const totalLength = new Float64Array(fieldCount);
    let live = 0;
    let entries = 0;
    const documents = this.allVectors();
    for (const document of documents) {
      if (!document) continue;
      live++;
      entries += document.terms.length;
      for (const termId of document.terms) documentFrequency[termId] = (documentFrequency[termId] as number) + 1;
      for (let f = 0; f < fieldCount; f++)
        totalLength[f] = (totalLength[f] as number) + (document.lengths[f] as number);
    }
    const averageLength = Array.from(totalLength, (total) => (live > 0 ? total / live || 1 : 1));
    const termStart = new Uint32Array(termCount + 1);
    for (let t = 0; t < termCount; t++) termStart[t + 1] = (termStart[t] as number) + (documentFrequency[t] as number);
    const fill = termStart.slice(0, termCount);
    const postDoc = new Uint32Array(entries);
    const postWeight = new Float32Array(entries);
    const idf = Float64Array.from(documentFrequency, (df) => Math.log(1 + (live - df + 0.5) / (df + 0.5)));
    documents.forEach((document, slot) => {
      if (!document) return;
      document.terms.forEach((termId, i) => {
        let weight: number;
        if ((this.vocabulary[termId] as string).startsWith(PHRASE_PREFIX)) {
          weight = (document.counts[i * fieldCount] as number) / 10;
        } else {
          // BM25F: field-weighted, length-normalised counts summed, then saturated once.
          let tf = 0;
          for (let f = 0; f < fieldCount; f++) {
            const count = document.counts[i * fieldCount + f] as number;
            if (count === 0) continue;
            const norm = 1 - B + (B * (document.lengths[f] as number)) / (averageLength[f] as number);
            tf += ((boosts[f] as number) * count) / norm;
          }
          weight = ((idf[termId] as number) * (tf * (K1 + 1))) / (tf + K1);
        }
        const at = fill[termId] as number;
        fill[termId] = at + 1;
        postDoc[at] = slot;
        postWeight[at] = weight;
      });
    });
    this.termStart = termStart;
    this.postDoc = postDoc;
    this.postWeight = postWeight;
  }

  /**
   * Adds `boost × weight` of each document holding the term into `scores`; appends a slot to `touched` on its
   * first hit. Returns the largest amount added: what the term can give any one document at most.
   */
  accumulate(termId: number, boost: number, scores: Float64Array, touched: number[]): number {
    const end = this.termStart[termId + 1] as number;
    let most = 0;
    for (let p = this.termStart[termId] as number; p < end; p++) {
      const slot = this.postDoc[p] as number;
      if (scores[slot] === 0) touched.push(slot);
      const added = boost * (this.postWeight[p] as number);
      scores[slot] = (scores[slot] as number) + added;
      if (added > most) most = added;
    }
    return most;
  }

  /** Indexed terms that start with `prefix` (not phrase keys), at most `limit`. */
  termsStartingWith(prefix: string, limit: number): string[] {
    this.sortedVocabulary ??= this.vocabulary.filter((t) => !t.startsWith(PHRASE_PREFIX)).sort();
    const sorted = this.sortedVocabulary;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((sorted[mid] as string) < prefix) low = mid + 1;
      else high = mid;
    }
    const found: string[] = [];
    for (let i = low; i < sorted.length && found.length < limit; i++) {
      const term = sorted[i] as string;
      if (!term.startsWith(prefix)) break;
      found.push(term);
    }
    return found;
  }

  toStored(): StoredTermIndex {
    // Slots are renumbered without holes: the postings are derived again for the stored numbering.
    let vectors = this.allVectors();
    if (vectors.some((d) => d === null)) {
      vectors = vectors.filter((d) => d !== null);
      this.documents = vectors;
      this.packed = undefined;
      this.byId = new Map(vectors.map((d, slot) => [(d as DocumentVector).id, slot]));
      this.commit();
    }
    const fieldCount = this.fields.length;
    const live = vectors.filter((d): d is DocumentVector => d !== null);
    const documentStart = new Uint32Array(live.length + 1);
    live.forEach((d, i) => {
      documentStart[i + 1] = (documentStart[i] as number) + d.terms.length;
    });
    const total = documentStart[live.length] as number;
    const entryTerm = new Uint32Array(total);
    const entryCounts = new Uint8Array(total * fieldCount);
    const fieldLength = new Uint16Array(live.length * fieldCount);
    live.forEach((d, i) => {
      entryTerm.set(d.terms, documentStart[i] as number);
      entryCounts.set(d.counts, (documentStart[i] as number) * fieldCount);
      fieldLength.set(d.lengths, i * fieldCount);
    });
    return {
      version: 2,
      fields: this.fields.map((f) => f.name),
      vocabulary: [...this.vocabulary],
      ids: live.map((d) => d.id),
      termStart: this.termStart,
      postDoc: this.postDoc,
      postWeight: this.postWeight,
      vectors: { documentStart, entryTerm, entryCounts, fieldLength },
    };
  }

  /** An index from its stored form; undefined when it was stored with other fields (then rebuild). */
  static fromStored(stored: StoredTermIndex, fields: FieldSpec[]): TermIndex | undefined {
    if (stored.version !== 2 || stored.fields.join('\n') !== fields.map((f) => f.name).join('\n')) return undefined;
    const index = new TermIndex(fields);
    index.vocabulary = stored.vocabulary;
    index.vocabulary.forEach((term, id) => {
      index.termIds.set(term, id);
    });
    index.packed = stored;
    index.documents = new Array(stored.ids.length);
    stored.ids.forEach((id, slot) => {
      index.byId.set(id, slot);
    });
    if (stored.termStart.length !== index.vocabulary.length + 1) return undefined;
    index.termStart = stored.termStart;
    index.postDoc = stored.postDoc;
    index.postWeight = stored.postWeight;
    return index;
  }
}
