import { type ScriptEntry, ScriptLocale } from '../schema/scripts';
import { ComplaintGrade } from '../schema/sla';
import { normalizeForMatching } from './normalize';

/**
 * What ranking needs to know of each script besides its words — language, tiers, grades, scenario, tags and
 * which script it is a version of — per index slot, in typed arrays. A woken service worker ranks with these
 * and the term index alone, and reads the full catalog rows only of the few scripts it shows; the stored form
 * is a handful of typed arrays and one list of labels, which IndexedDB clones as they are.
 */
export interface StoredScriptFacts {
  version: 1;
  /** Tier names, scenarios, normalised tags and `variantOf` ids, each once. */
  labels: string[];
  /** Per slot: ScriptLocale.options index. */
  locale: Uint8Array;
  /** Per slot: one bit per ComplaintGrade.options index. */
  grades: Uint8Array;
  /** Per slot: the scenario's label. */
  scenario: Uint32Array;
  /** Per slot: the label of the id this script is a version of, or -1. */
  variantOf: Int32Array;
  /** Per slot: start of its tiers in `tierLabel` (length = slots + 1). */
  tierStart: Uint32Array;
  tierLabel: Uint32Array;
  /** Per slot: start of its normalised tags in `tagLabel` (length = slots + 1). */
  tagStart: Uint32Array;
  tagLabel: Uint32Array;
}

const LOCALES = ScriptLocale.options;
const GRADES = ComplaintGrade.options;
const NONE = -1;

/** A slot's facts as plain values, only while building or applying a delta. */
interface FactRow {
  locale: number;
  grades: number;
  scenario: string;
  variantOf: string | undefined;
  tiers: string[];
  tags: string[];
}

function rowOf(script: ScriptEntry): FactRow {
  let grades = 0;
  for (const grade of script.grades) grades |= 1 << GRADES.indexOf(grade);
  return {
    locale: LOCALES.indexOf(script.locale),
    grades,
    scenario: script.scenario,
    variantOf: script.variantOf,
    tiers: [...new Set(script.tiers)],
    tags: [...new Set(script.tags.map((tag) => normalizeForMatching(tag)))],
  };
}

export class ScriptFacts {
  private readonly stored: StoredScriptFacts;
  private labelIds: Map<string, number> | undefined;
  /** Slots by tag label and by scenario label, derived on first use. */
  private slotLists: { tag: Map<number, number[]>; scenario: Map<number, number[]> } | undefined;

  private constructor(stored: StoredScriptFacts) {
    this.stored = stored;
  }

  /** Facts for scripts by slot; `null` is a hole a removed script left. */
  static build(slots: readonly (ScriptEntry | null)[]): ScriptFacts {
    return ScriptFacts.fromRows(slots.map((script) => (script ? rowOf(script) : null)));
  }

  static fromStored(stored: StoredScriptFacts): ScriptFacts {
    return new ScriptFacts(stored);
  }

  /** Whether `value` has the stored layout this version reads (typed arrays where they belong). */
  static usable(value: unknown): value is StoredScriptFacts {
    const f = value as Partial<StoredScriptFacts> | undefined;
    return (
      f?.version === 1 &&
      Array.isArray(f.labels) &&
      f.locale instanceof Uint8Array &&
      f.grades instanceof Uint8Array &&
      f.scenario instanceof Uint32Array &&
      f.variantOf instanceof Int32Array &&
      f.tierStart instanceof Uint32Array &&
      f.tierLabel instanceof Uint32Array &&
      f.tagStart instanceof Uint32Array &&
      f.tagLabel instanceof Uint32Array
    );
  }

  private static fromRows(rows: readonly (FactRow | null)[]): ScriptFacts {
    const labels: string[] = [];
    const ids = new Map<string, number>();
    const label = (text: string) => {
      let id = ids.get(text);
      if (id === undefined) {
        id = labels.length;
        labels.push(text);
        ids.set(text, id);
      }
      return id;
    };
    const count = rows.length;
    const locale = new Uint8Array(count);
    const grades = new Uint8Array(count);
    const scenario = new Uint32Array(count);
    const variantOf = new Int32Array(count).fill(NONE);
    const tierStart = new Uint32Array(count + 1);
    const tagStart = new Uint32Array(count + 1);
    const tiers: number[] = [];
    const tags: number[] = [];
    rows.forEach((row, slot) => {
      if (row) {
        locale[slot] = row.locale;
        grades[slot] = row.grades;
        scenario[slot] = label(row.scenario);
        if (row.variantOf !== undefined) variantOf[slot] = label(row.variantOf);
        for (const tier of row.tiers) tiers.push(label(tier));
        for (const tag of row.tags) tags.push(label(tag));
      }
      tierStart[slot + 1] = tiers.length;
      tagStart[slot + 1] = tags.length;
    });
    const facts = new ScriptFacts({
      version: 1,
      labels,
      locale,
      grades,
      scenario,
      variantOf,
      tierStart,
      tierLabel: Uint32Array.from(tiers),
      tagStart,
      tagLabel: Uint32Array.from(tags),
    });
    facts.labelIds = ids;
    return facts;
  }

  private rowAt(slot: number): FactRow {
    const s = this.stored;
    const variant = s.variantOf[slot] as number;
    const labelsIn = (start: Uint32Array, list: Uint32Array) =>
      Array.from(list.subarray(start[slot] as number, start[slot + 1] as number), (id) => s.labels[id] as string);
    return {
      locale: s.locale[slot] as number,
      grades: s.grades[slot] as number,
      scenario: s.labels[s.scenario[slot] as number] as string,
      variantOf: variant === NONE ? undefined : s.labels[variant],
      tiers: labelsIn(s.tierStart, s.tierLabel),
      tags: labelsIn(s.tagStart, s.tagLabel),
    };
  }

  /**
   * The facts after a catalog delta, slot for slot with the term index: slots up to `firstAdded` keep their facts
   * while `live` (a removed script leaves a hole), and `added` scripts take the slots from `firstAdded` on.
   */
  changed(live: (slot: number) => boolean, firstAdded: number, added: readonly ScriptEntry[]): ScriptFacts {
    const rows: (FactRow | null)[] = [];
    for (let slot = 0; slot < firstAdded; slot++)
      rows.push(slot < this.slotCount && live(slot) ? this.rowAt(slot) : null);
    for (const script of added) rows.push(rowOf(script));
    return ScriptFacts.fromRows(rows);
  }

  /** The same facts without the hole slots (`keep[slot]` false), renumbered in order. */
  compacted(keep: (slot: number) => boolean): ScriptFacts {
    const rows: FactRow[] = [];
    for (let slot = 0; slot < this.slotCount; slot++) if (keep(slot)) rows.push(this.rowAt(slot));
    return ScriptFacts.fromRows(rows);
  }

  toStored(): StoredScriptFacts {
    return this.stored;
  }

  get slotCount(): number {
    return this.stored.locale.length;
  }

  /** The label's number, or undefined when no script uses it (then no script has that tier, tag or scenario). */
  labelId(text: string): number | undefined {
    if (!this.labelIds) {
      const ids = new Map<string, number>();
      this.stored.labels.forEach((label, id) => {
        ids.set(label, id);
      });
      this.labelIds = ids;
    }
    return this.labelIds.get(text);
  }

  locale(slot: number): ScriptLocale {
    return LOCALES[this.stored.locale[slot] as number] as ScriptLocale;
  }

  /** 0 for English, 1 for Chinese: Simplified and Traditional are one language for ranking. */
  language(slot: number): number {
    return this.stored.locale[slot] === 0 ? 0 : 1;
  }

  hasGrade(slot: number, grade: ComplaintGrade): boolean {
    return ((this.stored.grades[slot] as number) & (1 << GRADES.indexOf(grade))) !== 0;
  }

  /** Whether the script is restricted to some tiers. */
  restricted(slot: number): boolean {
    return this.stored.tierStart[slot + 1] !== this.stored.tierStart[slot];
  }

  /** Whether the script is written for the tier with this label (undefined: a tier no script names). */
  hasTier(slot: number, tier: number | undefined): boolean {
    if (tier === undefined) return false;
    const s = this.stored;
    for (let i = s.tierStart[slot] as number; i < (s.tierStart[slot + 1] as number); i++)
      if (s.tierLabel[i] === tier) return true;
    return false;
  }

  /** The label of the id this script is a version of, or -1. */
  variantOf(slot: number): number {
    return this.stored.variantOf[slot] as number;
  }

  label(id: number): string {
    return this.stored.labels[id] as string;
  }

  private lists() {
    if (this.slotLists) return this.slotLists;
    const s = this.stored;
    const tag = new Map<number, number[]>();
    const scenario = new Map<number, number[]>();
    const add = (map: Map<number, number[]>, label: number, slot: number) => {
      const list = map.get(label);
      if (list) list.push(slot);
      else map.set(label, [slot]);
    };
    for (let slot = 0; slot < this.slotCount; slot++) {
      add(scenario, s.scenario[slot] as number, slot);
      for (let i = s.tagStart[slot] as number; i < (s.tagStart[slot + 1] as number); i++)
        add(tag, s.tagLabel[i] as number, slot);
    }
    this.slotLists = { tag, scenario };
    return this.slotLists;
  }

  /** Slots of scripts with this normalised tag (holes included: the caller skips what the term index lacks). */
  slotsWithTag(tag: string): readonly number[] {
    const id = this.labelId(tag);
    return id === undefined ? [] : (this.lists().tag.get(id) ?? []);
  }

  slotsWithScenario(scenario: string): readonly number[] {
    const id = this.labelId(scenario);
    return id === undefined ? [] : (this.lists().scenario.get(id) ?? []);
  }
}
