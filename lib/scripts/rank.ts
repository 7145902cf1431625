import type { OrgSynonyms, ScriptEntry, ScriptLocale } from '../schema/scripts';
import type { ComplaintGrade } from '../schema/sla';
import { ANALYZER_VERSION, analyzeNormalized, containsHan, hanBigrams, type Lexicon, lexiconFromKeys } from './analyze';
import { isTraditional } from './chinese-variants';
import { type AnalyzedText, analyzeText, ExpressionFinder, expressionKey, type FoundExpression } from './expressions';
import { NORMALIZATION_VERSION, normalizeForMatching } from './normalize';
import { MAX_NUDGE, priorMultiplier, type ScriptPrior } from './priors';
import { ScriptFacts, type StoredScriptFacts } from './script-facts';
import { readSituation, type SituationModel } from './situations/model';
import { type FieldSpec, PHRASE_PREFIX, type StoredTermIndex, type StoredVectors, TermIndex } from './term-index';

export interface SuggestionContext {
  subject?: string;
  latestCustomerMessage?: string;
  tags?: string[];
  locale?: string;
}

export interface SuggestOptions {
  /** The customer's tier. Scripts restricted to other tiers are never suggested (nor when the tier is unknown). */
  tier?: string;
  grade?: ComplaintGrade;
  /** Locale of the agent's reply; detected from the ticket text when absent. */
  locale?: ScriptLocale;
  limit?: number;
}

export interface Suggestion {
  script: ScriptEntry;
  score: number;
  /** Why, in words an agent understands, each one true of this ticket and this script. */
  reasons: SuggestionReason[];
}

export type SuggestionReason =
  /** The customer's own words that the script's title, keywords, phrases, tags or body hold. */
  | { kind: 'words'; terms: string[] }
  /** A trainer's phrase or trigger keyword found whole in the ticket. */
  | { kind: 'phrase'; phrase: string }
  /** The customer said `said`, which the script's trainer or the organisation lists as meaning `means`. */
  | { kind: 'synonym'; said: string; means: string }
  | { kind: 'tag'; tag: string }
  /** The script is written for this customer's tier. */
  | { kind: 'tier'; tier: string }
  /** The script is written for this complaint grade (and the words say it is this situation). */
  | { kind: 'grade'; grade: ComplaintGrade }
  /** How agents' thumbs, unedited sends and customers' CSAT after use rate this script (0–100 %), out of n. */
  | { kind: 'learned'; rate: number; n: number }
  /** The situation model reads the ticket as this script's scenario, with this confidence (0–100 %). */
  | { kind: 'situation'; share: number }
  /** Nothing more specific decided: the script fits any ticket of this grade (an opening, an apology). */
  | { kind: 'general'; grade: ComplaintGrade }
  /** Search only: the script is for these tiers, not this customer's. */
  | { kind: 'restricted'; tiers: string[] };

export interface RankingSettings {
  /** The organisation's synonym list (admin rule). */
  synonyms?: OrgSynonyms;
  /** Learned priors per script, from the server; absent or empty when learning is switched off. */
  priors?: ScriptPrior[];
  /**
   * The situation model (situations/model.ts): how likely the ticket is each standard scenario, from what the
   * customer says however they put it. Scripts of a likely scenario are lifted; without it, words alone rank.
   */
  situations?: SituationModel;
}

/** A built index as kept in IndexedDB: the terms and the facts per script, slot for slot. */
export interface StoredIndex {
  terms: StoredTermIndex;
  facts: StoredScriptFacts;
}

/**
 * Field weights (BM25F): what trainers write for matching counts most, the title next, the body least — it is
 * long and shares common words, but it is also where a customer's paraphrase meets the script's wording.
 */
const FIELDS: FieldSpec[] = [
  { name: 'keywords', boost: 2.5 },
  { name: 'phrases', boost: 2.5 },
  { name: 'title', boost: 2 },
  { name: 'tags', boost: 1.5 },
  { name: 'body', boost: 0.7 },
  // Han character pairs of all the script's Chinese (analyze.ts hanBigrams): one field, plain weight, its own terms.
  { name: 'pairs', boost: 1 },
];
/** A trainer phrase or keyword found whole, per word it holds (Chinese: per two characters), at most 3. */
const PHRASE_WEIGHT = 3;
const TAG_BONUS = 3;
/**
 * Query-time weights, in one place so that `tools/tune-ranker.ts` can fit them on the evaluation set's DEV half
 * (never the HELD-OUT half); the values here are what it found. Nothing else changes them.
 *
 * - `general…`: scenarios that fit any ticket of a grade (PRODUCT.md rules 2 and 3) — an opening for every first
 *   reply, an apology and the complaint procedure for complaints, the supervisor escalation for urgent ones.
 *   Their base is on the normalised scale (1 = the best-matching script of this ticket, with confident
 *   evidence), so a script the words point to clearly ranks above them, and they fill the list — or lead it —
 *   when the words point nowhere in particular. Situation scripts (fraud, safety, refunds) are never among them:
 *   a grade alone never suggests a situation.
 * - `confidentEvidence`: score normalisation. A ticket's word evidence is divided by the best script's, but
 *   never by less than this floor (about two trainer phrases), so a long ticket does not drown the general
 *   scripts under many weak matches, and words that only brush a few scripts leave them below the opening.
 *   `confidentShare`: a short ticket ("Where is my refund?") cannot give that much evidence, so its floor is at
 *   most this share of what its words could give at most (each word's best script, summed): a script holding
 *   most of a short ticket's telling words leads it.
 * - `generalWords`: how much a general script's own word evidence (a "sorry", a "hello") adds to its base.
 * - `situation`: what the situation model's reading adds on the same scale (× its confidence in the script's
 *   scenario): enough to lift a script the words missed when the model is sure, not enough to outweigh clear words.
 *
 * Fitted on 2026-12-02 with the situation model in place, on DEV and the second Chinese set (`--with-zh2`), with the
 * opening's base and the tier lift held (`--freeze=general.normal.greeting,tierLift`): fits that raised them put the
 * opening, or a tier's script the words only brushed, above a trainer's phrase found whole (catalog-index.test.ts,
 * console-studio.spec.ts). HELD-OUT after: zh 0.780 → 0.801, en 0.853 → 0.849 (docs/developers/suggestion-quality.md).
 */
export const RANKING_WEIGHTS = {
  general: {
    normal: { greeting: 0.5 },
    important: { apology: 0.55, complaint_handling: 0.3, greeting: 0.1 },
    urgent: { complaint_escalation: 0.85, apology: 0.25, complaint_handling: 0.25 },
  } as Record<ComplaintGrade, Record<string, number>>,
  confidentEvidence: 75,
  confidentShare: 1.2,
  generalWords: 0.5,
  gradeLift: 1.6,
  tierLift: 1.45,
  subjectBoost: 1.5,
  synonymBoost: 0.6,
  pairBoost: 1,
  situation: 0.45,
};
/** A scenario the model gives less than this is not worth lifting its scripts (nor naming as a reason). */
const SITUATION_FLOOR = 0.02;
const SITUATION_REASON = 0.25;
/** Search box: an indexed word the agent's word starts ("refu" → "refund") counts this much of a whole word. */
const PREFIX_WEIGHT = 0.4;
const PREFIX_TERMS = 30;

/**
 * The language of the reply: the ticket's locale, else its text. Chinese is Traditional when the locale says
 * Taiwan, Hong Kong, Macau or Hant, or when the customer writes Traditional characters; Simplified otherwise.
 */
export function detectLocale(context: SuggestionContext): ScriptLocale {
  const tag = context.locale?.toLowerCase();
  if (tag?.startsWith('en')) return 'en';
  const text = `${context.subject ?? ''} ${context.latestCustomerMessage ?? ''}`;
  if (tag?.startsWith('zh')) return /^zh[-_](tw|hk|mo|hant)/.test(tag) || isTraditional(text) ? 'zh_TW' : 'zh_CN';
  if (!containsHan(text)) return 'en';
  return isTraditional(text) ? 'zh_TW' : 'zh_CN';
}

/** The Chinese language of a query or text: Traditional when it holds Traditional characters. */
export function chineseLocaleOf(text: string): ScriptLocale {
  return isTraditional(text) ? 'zh_TW' : 'zh_CN';
}

/** The key a stored index must carry to be reused: same scripts, same analysis, same organisation synonyms. */
export function indexKey(catalogVersion: string, synonyms: OrgSynonyms = []): string {
  return `${catalogVersion}|a${ANALYZER_VERSION}.${NORMALIZATION_VERSION}|s${hashOf(JSON.stringify(synonyms))}`;
}

function hashOf(text: string): string {
  // FNV-1a: a short, stable fingerprint (not security) of the small synonym list.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** Everything a script says for matching as whole expressions. */
function expressionsOf(script: ScriptEntry): string[] {
  return [...script.triggerKeywords, ...script.phrases, ...script.synonyms.flat()];
}

function phraseWeight(key: string): number {
  const body = key.slice(PHRASE_PREFIX.length);
  const size = containsHan(body) ? body.length / 2 : body.split(' ').length;
  return PHRASE_WEIGHT * Math.min(3, Math.max(1, size));
}

interface OrgSynonym {
  /** Key of each member, and its text. */
  members: { key: string; text: string }[];
}

/**
 * Suggestions ranked but not yet shown: the ids of the catalog entries they show (`needs`), and `resolve` to build
 * them once those entries are in the index (`remember`). An index built from a catalog holds every entry already;
 * one loaded from storage (`loadScriptIndex`) ranks without any and reads only these few.
 */
export interface PendingSuggestions {
  needs: string[];
  /**
   * The suggestions. A script whose entry the index does not hold is an error, or left out with `skipUnknown`
   * (its row was gone when the entries were read: the catalog changed since the index was stored).
   */
  resolve(skipUnknown?: boolean): Suggestion[];
}

/** One ranked script: its slot in the index, its id (ties are broken by id) and score. */
interface Ranked {
  slot: number;
  id: string;
  score: number;
}

/**
 * The script catalog, indexed for ranking (term-index.ts, BM25F over typed arrays, and script-facts.ts for tiers,
 * grades, languages and tags) with the analysis of analyze.ts. `suggest` ranks for a ticket, `search` answers the
 * agent's query, `update` applies a catalog delta in place, `toStored` gives what to keep in IndexedDB (pass it
 * back as `stored` to skip the analysis, or to `loadScriptIndex` to rank without the catalog).
 */
export function createScriptIndex(catalog: ScriptEntry[], settings: RankingSettings = {}, stored?: StoredIndex) {
  const live = catalog.filter((script) => script.status === 'published');
  const loaded = stored ? fromStored(stored) : undefined;
  return indexOver(loaded ?? { terms: undefined, facts: undefined }, settings, live);
}

/**
 * An index from its stored form alone, as a woken service worker has it: it ranks at once and holds no catalog
 * entry until `remember` is given the few its suggestions show (PendingSuggestions.needs). Undefined when the
 * stored form is of another layout (then build from the catalog).
 */
export function loadScriptIndex(stored: StoredIndex, settings: RankingSettings = {}): ScriptIndex | undefined {
  const loaded = fromStored(stored);
  return loaded ? indexOver(loaded, settings, undefined) : undefined;
}

function fromStored(stored: StoredIndex): { terms: TermIndex; facts: ScriptFacts } | undefined {
  if (!ScriptFacts.usable(stored.facts)) return undefined;
  const terms = TermIndex.fromStored(stored.terms, FIELDS);
  const facts = ScriptFacts.fromStored(stored.facts);
  return terms && facts.slotCount === terms.slotCount ? { terms, facts } : undefined;
}

/** `live`: the published catalog the index is over (all entries known), or undefined (entries read on demand). */
function indexOver(
  built: { terms: TermIndex | undefined; facts: ScriptFacts | undefined },
  settings: RankingSettings,
  live: ScriptEntry[] | undefined,
) {
  /** Catalog entries by id: every published script, or (loaded from storage) those remembered so far. */
  const entries = new Map<string, ScriptEntry>();
  for (const script of live ?? []) entries.set(script.id, script);
  let priors = new Map((settings.priors ?? []).map((prior) => [prior.scriptId, prior]));
  const orgSynonyms: OrgSynonym[] = (settings.synonyms ?? []).map((group) => ({
    members: group.map((text) => ({ key: expressionKey(text), text })),
  }));
  const orgKeys = orgSynonyms.flatMap((group) => group.members.map((m) => m.key));

  let lexicon: Lexicon;
  let finder: ExpressionFinder;
  const refreshLookups = (index: TermIndex) => {
    const keys = [...index.phraseKeys(), ...orgKeys];
    lexicon = lexiconFromKeys(keys);
    finder = new ExpressionFinder(keys);
  };

  function documentOf(script: ScriptEntry) {
    const analysed = (text: string) =>
      analyzeNormalized(normalizeForMatching(text), lexicon, [])
        .filter((token) => !token.stop)
        .map((token) => token.term);
    return {
      id: script.id,
      fields: [
        analysed(script.triggerKeywords.join('\n')),
        analysed([...script.phrases, ...script.synonyms.flat()].join('\n')),
        analysed(script.title),
        analysed(script.tags.join('\n')),
        analysed(bodyWords(script)),
        pairsOf(script),
      ],
      phrases: [...new Set(expressionsOf(script).map(expressionKey))].map((key) => ({
        key,
        weight: phraseWeight(key),
      })),
    };
  }

  /** The body as a customer could echo it: its {{variables}} are filled per ticket, so they never match. */
  function bodyWords(script: ScriptEntry): string {
    return script.body.replace(/\{\{[^}]*\}\}/g, ' ');
  }

  /** The Han character pairs of all a script's text: what its trainers wrote for matching, its title and body. */
  function pairsOf(script: ScriptEntry): string[] {
    const texts = [
      script.title,
      ...script.triggerKeywords,
      ...script.phrases,
      ...script.synonyms.flat(),
      bodyWords(script),
    ];
    return hanBigrams(normalizeForMatching(texts.join('\n'))).map((pair) => pair.term);
  }

  /** Analyses scripts into the index; the lexicon first grows by their expressions, so their words join. */
  function analyseInto(index: TermIndex, added: ScriptEntry[]) {
    const keys = [...index.phraseKeys(), ...orgKeys, ...added.flatMap((s) => expressionsOf(s).map(expressionKey))];
    lexicon = lexiconFromKeys(keys);
    for (const script of added) index.add(documentOf(script));
    index.commit();
    refreshLookups(index);
  }

  let index: TermIndex;
  let facts: ScriptFacts;
  if (built.terms && built.facts) {
    index = built.terms;
    facts = built.facts;
    refreshLookups(index);
  } else {
    index = new TermIndex(FIELDS);
    analyseInto(index, live ?? []);
    facts = ScriptFacts.build(live ?? []);
  }

  // Per slot, derived from the facts when slots change: ranking reads typed arrays, not maps of scripts.
  let scores = new Float64Array(0);
  /** 1 where the slot holds a script (removed scripts leave holes until the index is stored). */
  let occupied = new Uint8Array(0);
  /** 1 where the script is a version of another script in the index: ranked as that one, shown in its place. */
  let hidden = new Uint8Array(0);
  /** The slot of the script's other-Chinese version (the last one the catalog lists), or -1. */
  let variantSlot = new Int32Array(0);
  /** 0 for English, 1 for Chinese: Simplified and Traditional are one language for ranking. */
  let slotLanguage = new Uint8Array(0);
  /** 1 where the script is restricted to some tiers. */
  let slotRestricted = new Uint8Array(0);
  /** The learned prior's multiplier, 1 without one (× 1 changes no score). */
  let priorFactor = new Float64Array(0);
  // Per ticket: its tags' scripts and the grade's general scripts (filled and cleared by each suggest).
  let tagged = new Uint8Array(0);
  let generalBase = new Float64Array(0);
  let isGeneral = new Uint8Array(0);
  /** How likely the model reads the ticket as the slot's scenario (0 when below the floor or without a model). */
  let situationShare = new Float64Array(0);
  let queued = new Uint8Array(0);

  const refreshPriors = () => {
    priorFactor = new Float64Array(index.slotCount).fill(1);
    for (const [id, prior] of priors) {
      const slot = index.slotOf(id);
      if (slot !== undefined) priorFactor[slot] = priorMultiplier(prior);
    }
  };
  const refreshSlots = () => {
    const count = index.slotCount;
    scores = new Float64Array(count);
    tagged = new Uint8Array(count);
    generalBase = new Float64Array(count);
    isGeneral = new Uint8Array(count);
    situationShare = new Float64Array(count);
    queued = new Uint8Array(count);
    occupied = new Uint8Array(count);
    hidden = new Uint8Array(count);
    variantSlot = new Int32Array(count).fill(-1);
    slotLanguage = new Uint8Array(count);
    slotRestricted = new Uint8Array(count);
    for (let slot = 0; slot < count; slot++) {
      if (index.idAt(slot) !== undefined) occupied[slot] = 1;
      slotLanguage[slot] = facts.language(slot);
      if (facts.restricted(slot)) slotRestricted[slot] = 1;
    }
    for (let slot = 0; slot < count; slot++) {
      const of = facts.variantOf(slot);
      if (of < 0 || occupied[slot] === 0) continue;
      const target = index.slotOf(facts.label(of));
      if (target === undefined) continue;
      hidden[slot] = 1;
      variantSlot[target] = slot;
    }
    refreshPriors();
  };
  refreshSlots();

  const idOf = (slot: number) => index.idAt(slot) as string;
  function entryOf(slot: number): ScriptEntry {
    const id = idOf(slot);
    const entry = entries.get(id);
    if (!entry) throw new Error(`script "${id}" is ranked but its catalog entry was not given to the index (remember)`);
    return entry;
  }

  /** The ranked scripts whose entries (ranked and shown) the index holds; all of them unless `skipUnknown`. */
  const known = (ranked: Ranked[], shownSlot: (slot: number) => number, skipUnknown: boolean) =>
    skipUnknown ? ranked.filter(({ slot }) => entries.has(idOf(slot)) && entries.has(idOf(shownSlot(slot)))) : ranked;

  /** A catalog delta: new and changed scripts replace their old entry, removed ones go. Only they are analysed. */
  function update(changed: ScriptEntry[], removedIds: string[]) {
    // Checked first: a delta half applied would leave the index neither old nor new.
    if (!index.hasVectors) throw new Error('the index was loaded without its document vectors: attachVectors() first');
    for (const id of [...removedIds, ...changed.map((script) => script.id)]) {
      entries.delete(id);
      index.remove(id);
    }
    const published = changed.filter((script) => script.status === 'published');
    for (const script of published) entries.set(script.id, script);
    const firstAdded = index.slotCount;
    analyseInto(index, published);
    facts = facts.changed((slot) => index.idAt(slot) !== undefined, firstAdded, published);
    refreshSlots();
  }

  /** Organisation synonyms the ticket holds: the other members' words join the query, at a lower weight. */
  function expansionsFor(found: FoundExpression[]) {
    const expansions = new Map<string, { said: string; means: string }>();
    const foundKeys = new Map(found.map((f) => [f.key, f]));
    for (const group of orgSynonyms) {
      const hit = group.members.find((m) => foundKeys.has(m.key));
      if (!hit) continue;
      for (const other of group.members) {
        if (other === hit) continue;
        const otherKey = index.termId(other.key);
        const reason = { said: foundKeys.get(hit.key)?.said ?? hit.text, means: other.text };
        if (otherKey !== undefined && !expansions.has(other.key)) expansions.set(other.key, reason);
        for (const token of analyzeNormalized(normalizeForMatching(other.text), lexicon, []))
          if (!token.stop && !expansions.has(token.term)) expansions.set(token.term, reason);
      }
    }
    return expansions;
  }

  /** Scores every script touching the ticket's words and expressions; returns the slots touched. */
  function scoreTicket(
    text: AnalyzedText,
    subjectEnd: number,
  ): {
    touched: number[];
    /** The evidence the ticket's words could give at most: each word's best script, summed. */
    mass: number;
    surface: Map<number, string>;
    /** The customer's characters of each character pair that matched (a reason when no whole word did). */
    pairSurface: Map<number, string>;
    found: FoundExpression[];
    expanded: Map<string, { said: string; means: string }>;
  } {
    scores.fill(0);
    const touched: number[] = [];
    const surface = new Map<number, string>();
    const boosts = new Map<number, number>();
    for (const token of text.tokens) {
      if (token.stop || token.negated) continue;
      const termId = index.termId(token.term);
      if (termId === undefined) continue;
      const boost = token.start < subjectEnd ? RANKING_WEIGHTS.subjectBoost : 1;
      if ((boosts.get(termId) ?? 0) < boost) boosts.set(termId, boost);
      if (!surface.has(termId))
        surface.set(termId, text.written.slice(token.start, token.start + token.surface.length));
    }
    const found = finder.find(text);
    for (const { key } of found) {
      const termId = index.termId(key);
      if (termId !== undefined) boosts.set(termId, Math.max(boosts.get(termId) ?? 0, 1));
    }
    const expanded = expansionsFor(found);
    for (const term of expanded.keys()) {
      const termId = index.termId(term);
      if (termId !== undefined && !boosts.has(termId)) boosts.set(termId, RANKING_WEIGHTS.synonymBoost);
    }
    let mass = 0;
    for (const [termId, boost] of boosts) mass += index.accumulate(termId, boost, scores, touched);
    const pairBoosts = new Map<number, number>();
    const pairSurface = new Map<number, string>();
    for (const pair of hanBigrams(text.normalized, text.negated)) {
      if (pair.negated) continue;
      const termId = index.termId(pair.term);
      if (termId === undefined) continue;
      const boost = (pair.start < subjectEnd ? RANKING_WEIGHTS.subjectBoost : 1) * RANKING_WEIGHTS.pairBoost;
      if ((pairBoosts.get(termId) ?? 0) < boost) pairBoosts.set(termId, boost);
      if (!pairSurface.has(termId)) pairSurface.set(termId, text.written.slice(pair.start, pair.start + 2));
    }
    for (const [termId, boost] of pairBoosts) mass += index.accumulate(termId, boost, scores, touched);
    return { touched, mass, surface, pairSurface, found, expanded };
  }

  /** The ticket's suggestions, ranked; the entries they show may still have to be read (`needs`). */
  function rankForTicket(context: SuggestionContext, options: SuggestOptions = {}): PendingSuggestions {
    const locale = options.locale ?? detectLocale(context);
    const written = [context.subject, context.latestCustomerMessage].filter(Boolean).join('\n');
    const text = analyzeText(written, lexicon);
    const subjectEnd = normalizeForMatching(context.subject ?? '').length;
    const { touched, mass, surface, pairSurface, found, expanded } = scoreTicket(text, subjectEnd);
    const ticketTags = new Set((context.tags ?? []).map((tag) => normalizeForMatching(tag)));
    // Marked per slot for this ticket, cleared below: the hot loops read flags, not sets of ids.
    const marked: number[] = [];
    for (const tag of ticketTags)
      for (const slot of facts.slotsWithTag(tag))
        if (occupied[slot] === 1) {
          tagged[slot] = 1;
          marked.push(slot);
        }
    for (const [scenario, base] of Object.entries(RANKING_WEIGHTS.general[options.grade ?? 'normal']))
      for (const slot of facts.slotsWithScenario(scenario))
        if (occupied[slot] === 1) {
          isGeneral[slot] = 1;
          generalBase[slot] = base;
          marked.push(slot);
        }
    if (settings.situations)
      for (const [scenario, share] of readSituation(settings.situations, written))
        if (share >= SITUATION_FLOOR)
          for (const slot of facts.slotsWithScenario(scenario))
            if (occupied[slot] === 1) {
              situationShare[slot] = share;
              marked.push(slot);
            }
    // Candidates too when no word touched them; a slot both tagged and general, or under two tags, once.
    for (const slot of marked)
      if (scores[slot] === 0 && queued[slot] === 0) {
        queued[slot] = 1;
        touched.push(slot);
      }
    const limit = options.limit ?? 5;
    const tierLabel = options.tier === undefined ? undefined : facts.labelId(options.tier);
    const allowed = (slot: number) => !facts.restricted(slot) || facts.hasTier(slot, tierLabel);
    const language = locale === 'en' ? 0 : 1;
    const grade = options.grade;
    /** Word evidence of a slot: the BM25F and phrase scores, and the ticket's tags. */
    const evidence = (slot: number) => (scores[slot] as number) + (tagged[slot] === 1 ? TAG_BONUS : 0);
    /** Final score: the words' evidence (normalised), lifted by grade, tier and what agents learned. */
    const finalScore = (slot: number, scale: number) => {
      const general = isGeneral[slot] === 1;
      let score = (evidence(slot) / scale) * (general ? RANKING_WEIGHTS.generalWords : 1);
      if (grade && facts.hasGrade(slot, grade)) score *= RANKING_WEIGHTS.gradeLift;
      if (tierLabel !== undefined && facts.hasTier(slot, tierLabel)) score *= RANKING_WEIGHTS.tierLift;
      score += general ? (generalBase[slot] as number) : 0;
      score += RANKING_WEIGHTS.situation * (situationShare[slot] as number);
      return score * (priorFactor[slot] as number);
    };
    const pick = (sameLanguage: boolean) => {
      // Read in the hot loops below for every touched script: flags per slot, no call per check.
      const wanted = sameLanguage ? language : 1 - language;
      const eligible = (slot: number) =>
        slotLanguage[slot] === wanted &&
        // A variant is ranked as the script it is a version of, and shown in its place (asShown below).
        hidden[slot] === 0 &&
        // A script for other tiers promises what this customer does not have: never suggested.
        (slotRestricted[slot] === 0 || facts.hasTier(slot, tierLabel));
      let best = 0;
      for (let i = 0; i < touched.length; i++) {
        const slot = touched[i] as number;
        if (isGeneral[slot] === 0 && eligible(slot)) {
          const found = (scores[slot] as number) + (tagged[slot] === 1 ? TAG_BONUS : 0);
          if (found > best) best = found;
        }
      }
      // A short ticket cannot give much evidence: its floor is a share of what its words could give at most.
      const floor = Math.min(RANKING_WEIGHTS.confidentEvidence, RANKING_WEIGHTS.confidentShare * mass);
      const scale = Math.max(best, floor);
      const lifts = RANKING_WEIGHTS.gradeLift * RANKING_WEIGHTS.tierLift;
      const ranked: Ranked[] = [];
      let kth = 0;
      for (let i = 0; i < touched.length; i++) {
        const slot = touched[i] as number;
        // Most touched scripts share one common word: skip them when even every lift could not rank them.
        if (kth > 0) {
          const most =
            ((((scores[slot] as number) + TAG_BONUS) / scale) * lifts +
              (isGeneral[slot] === 1 ? (generalBase[slot] as number) : 0) +
              RANKING_WEIGHTS.situation * (situationShare[slot] as number)) *
            (1 + MAX_NUDGE);
          if (most < kth) continue;
        }
        if (!eligible(slot)) continue;
        const score = finalScore(slot, scale);
        if (score <= 0) continue;
        insertTop(ranked, slot, idOf, score, limit);
        kth = ranked.length >= limit ? (ranked[ranked.length - 1] as Ranked).score : 0;
      }
      return ranked;
    };
    let ranked: Ranked[];
    let general: Set<number>;
    let situated: Map<number, number>;
    try {
      // Scripts in another language are offered only when none in the reply's language fits.
      ranked = pick(true);
      if (ranked.length === 0) ranked = pick(false);
      general = new Set(ranked.filter((r) => isGeneral[r.slot] === 1).map((r) => r.slot));
      situated = new Map(ranked.map((r) => [r.slot, situationShare[r.slot] as number]));
    } finally {
      // The flags are shared by every ticket: never left set, whatever happened.
      for (const slot of marked) {
        queued[slot] = 0;
        tagged[slot] = 0;
        isGeneral[slot] = 0;
        generalBase[slot] = 0;
        situationShare[slot] = 0;
      }
    }
    const shownSlot = (slot: number) => {
      const variant = variantSlot[slot] as number;
      return variant >= 0 && locale === facts.locale(variant) && allowed(variant) ? variant : slot;
    };
    return {
      needs: [...new Set(ranked.flatMap(({ slot }) => [idOf(slot), idOf(shownSlot(slot))]))],
      resolve: (skipUnknown = false) =>
        known(ranked, shownSlot, skipUnknown).map(({ slot, score }) => ({
          script: entryOf(shownSlot(slot)),
          score,
          reasons: reasonsFor(entryOf(slot), slot, {
            surface,
            pairSurface,
            found,
            expanded,
            ticketTags,
            options,
            general: general.has(slot),
            situation: situated.get(slot) ?? 0,
          }),
        })),
    };
  }

  /** Why, for the few scripts shown: computed only for them. */
  function reasonsFor(
    script: ScriptEntry,
    slot: number,
    ctx: {
      surface: Map<number, string>;
      pairSurface: Map<number, string>;
      found: FoundExpression[];
      expanded: Map<string, { said: string; means: string }>;
      ticketTags: Set<string>;
      options: SuggestOptions;
      general: boolean;
      situation: number;
    },
  ): SuggestionReason[] {
    const reasons: SuggestionReason[] = [];
    // A synonym group's first member is the script's own word: the others are said to mean it.
    const synonymOf = new Map<string, string>();
    for (const [first, ...others] of script.synonyms)
      for (const member of others) if (first) synonymOf.set(expressionKey(member), first);
    for (const { key, said } of ctx.found) {
      const termId = index.termId(key);
      if (termId === undefined || !index.has(slot, termId)) continue;
      const means = synonymOf.get(key);
      reasons.push(means ? { kind: 'synonym', said, means } : { kind: 'phrase', phrase: said });
    }
    const held = (surface: Map<number, string>) =>
      [...surface].filter(([termId]) => index.has(slot, termId)).map(([, word]) => word);
    // Character pairs are the reason only when no whole word is: "羽绒" said, where the script says "羽绒服".
    let words = held(ctx.surface);
    if (words.length === 0) words = [...new Set(held(ctx.pairSurface))];
    if (words.length > 0) reasons.push({ kind: 'words', terms: words.slice(0, 5) });
    const orgReasons = new Set<string>();
    for (const [term, reason] of ctx.expanded) {
      const termId = index.termId(term);
      if (termId === undefined || !index.has(slot, termId) || orgReasons.has(reason.said)) continue;
      orgReasons.add(reason.said);
      reasons.push({ kind: 'synonym', ...reason });
    }
    const tag = script.tags.find((t) => ctx.ticketTags.has(normalizeForMatching(t)));
    if (tag) reasons.push({ kind: 'tag', tag });
    if (ctx.options.grade && script.grades.includes(ctx.options.grade))
      reasons.push({ kind: 'grade', grade: ctx.options.grade });
    if (ctx.options.tier && script.tiers.includes(ctx.options.tier))
      reasons.push({ kind: 'tier', tier: ctx.options.tier });
    if (ctx.situation >= SITUATION_REASON) reasons.push({ kind: 'situation', share: Math.round(ctx.situation * 100) });
    if (ctx.general) reasons.push({ kind: 'general', grade: ctx.options.grade ?? 'normal' });
    const prior = priors.get(script.id);
    if (prior) reasons.push({ kind: 'learned', rate: Math.round(prior.rate * 100), n: prior.n });
    return reasons;
  }

  /** The agent's own search box: text relevance first (word starts count), the reply's language preferred. */
  function rankForQuery(
    query: string,
    options: { locale?: ScriptLocale; limit?: number; tier?: string } = {},
  ): PendingSuggestions {
    const text = analyzeText(query, lexicon);
    scores.fill(0);
    const touched: number[] = [];
    const words = new Map<number, string>();
    for (const token of text.tokens) {
      if (token.stop) continue;
      const exact = index.termId(token.term);
      if (exact !== undefined) {
        index.accumulate(exact, 1, scores, touched);
        words.set(exact, text.written.slice(token.start, token.start + token.surface.length));
      }
      // The agent is still typing: "refu" finds "refund"; not for Chinese words.
      if (/^[a-z]/.test(token.surface) && token.surface.length > 2)
        for (const term of index.termsStartingWith(token.surface, PREFIX_TERMS)) {
          const termId = index.termId(term) as number;
          if (termId === exact) continue;
          index.accumulate(termId, PREFIX_WEIGHT, scores, touched);
          if (!words.has(termId)) words.set(termId, term);
        }
    }
    for (const { key } of finder.find(text)) {
      const termId = index.termId(key);
      if (termId !== undefined) index.accumulate(termId, 1, scores, touched);
    }
    // "洗衣液" finds the script about 洗衣粉: the same character pairs as for tickets.
    const pairs = new Set<number>();
    for (const pair of hanBigrams(text.normalized)) {
      const termId = index.termId(pair.term);
      if (termId !== undefined) pairs.add(termId);
    }
    for (const termId of pairs) index.accumulate(termId, RANKING_WEIGHTS.pairBoost, scores, touched);
    const locale = options.locale ?? (containsHan(query) ? chineseLocaleOf(query) : undefined);
    const language = locale === undefined ? undefined : locale === 'en' ? 0 : 1;
    const limit = options.limit ?? 10;
    const ranked: Ranked[] = [];
    for (const slot of touched) {
      if (hidden[slot] === 1) continue;
      const score = (scores[slot] as number) * (language !== undefined && facts.language(slot) !== language ? 0.5 : 1);
      insertTop(ranked, slot, idOf, score, limit);
    }
    const shownSlot = (slot: number) => {
      const variant = variantSlot[slot] as number;
      return variant >= 0 && locale === facts.locale(variant) ? variant : slot;
    };
    const top = ranked[0]?.score || 1;
    return {
      needs: [...new Set(ranked.flatMap(({ slot }) => [idOf(slot), idOf(shownSlot(slot))]))],
      resolve: (skipUnknown = false) =>
        known(ranked, shownSlot, skipUnknown).map(({ slot, score }) => {
          const script = entryOf(slot);
          const matched = [...words].filter(([termId]) => index.has(slot, termId)).map(([, word]) => word);
          const reasons: SuggestionReason[] = matched.length > 0 ? [{ kind: 'words', terms: matched.slice(0, 5) }] : [];
          if (script.tiers.length > 0 && !(options.tier && script.tiers.includes(options.tier)))
            reasons.push({ kind: 'restricted', tiers: script.tiers });
          return { script: entryOf(shownSlot(slot)), score: score / top, reasons };
        }),
    };
  }

  return {
    suggest: (context: SuggestionContext, options?: SuggestOptions): Suggestion[] =>
      rankForTicket(context, options).resolve(),
    search: (query: string, options?: { locale?: ScriptLocale; limit?: number; tier?: string }): Suggestion[] =>
      rankForQuery(query, options).resolve(),
    rankForTicket,
    rankForQuery,
    /** Catalog entries read for suggestions (by a woken worker, which ranks before it has any). */
    remember(read: ScriptEntry[]) {
      for (const entry of read) entries.set(entry.id, entry);
    },
    /** Whether the index holds this script's catalog entry (it always ranks it, entry or not). */
    knows(id: string): boolean {
      return entries.has(id);
    },
    update,
    /** Whether `update` and `toStored` can run: false for an index loaded without its document vectors. */
    get canUpdate(): boolean {
      return index.hasVectors;
    },
    /** The document vectors stored apart (StoredTermIndex.vectors), so that a delta can be applied. */
    attachVectors(vectors: StoredVectors) {
      index.attachVectors(vectors);
    },
    /** New learned priors (they come with every catalog pull; the index itself does not change). */
    setPriors(next: ScriptPrior[]) {
      priors = new Map(next.map((prior) => [prior.scriptId, prior]));
      refreshPriors();
    },
    toStored(): StoredIndex {
      // Storing closes the holes removed scripts left, which renumbers the slots: the facts follow.
      if (occupied.includes(0)) facts = facts.compacted((slot) => occupied[slot] === 1);
      const terms = index.toStored();
      refreshSlots();
      return { terms, facts: facts.toStored() };
    },
    get size() {
      return index.documentCount;
    },
  };
}

export type ScriptIndex = ReturnType<typeof indexOver>;

/** Keeps `ranked` as the best `limit` entries, best first (ties: script id), without sorting everything. */
function insertTop(ranked: Ranked[], slot: number, idOf: (slot: number) => string, score: number, limit: number) {
  const last = ranked[ranked.length - 1];
  // Full, and the last kept is not worse: out. Only a tie needs the id, so most candidates cost no lookup.
  if (ranked.length >= limit && last && !(last.score < score || (last.score === score && last.id > idOf(slot)))) return;
  const entry = { slot, id: idOf(slot), score };
  const worse = (a: Ranked, b: Ranked) => a.score < b.score || (a.score === b.score && a.id > b.id);
  let at = ranked.length;
  while (at > 0 && worse(ranked[at - 1] as Ranked, entry)) at--;
  ranked.splice(at, 0, entry);
  if (ranked.length > limit) ranked.pop();
}
