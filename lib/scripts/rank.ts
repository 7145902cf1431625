import MiniSearch, { type AsPlainObject, type SearchResult } from 'minisearch';
import type { OrgSynonyms, ScriptEntry, ScriptLocale } from '../schema/scripts';
import type { ComplaintGrade } from '../schema/sla';
import { ANALYZER_VERSION, buildLexicon, containsHan, type Lexicon, type Token } from './analyze';
import { type AnalyzedText, analyzeText, compileExpression, type Expression, findExpression } from './expressions';
import { NORMALIZATION_VERSION, normalizeForMatching } from './normalize';
import { priorMultiplier, type ScriptPrior } from './priors';

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
  /** Search only: the script is for these tiers, not this customer's. */
  | { kind: 'restricted'; tiers: string[] };

export interface RankingSettings {
  /** The organisation's synonym list (admin rule). */
  synonyms?: OrgSynonyms;
  /** Learned priors per script, from the server; absent or empty when learning is switched off. */
  priors?: ScriptPrior[];
}

/** MiniSearch's JSON of a built index, with the key it was built for (catalog version + analysis). */
export interface StoredIndex {
  key: string;
  index: AsPlainObject;
}

/**
 * Field weights (BM25F through MiniSearch's per-field boosts): what trainers write for matching counts most,
 * the title next, the body least — it is long and shares common words, but it is also where paraphrases meet.
 */
const BOOST = { keywords: 2.5, phrases: 2.5, title: 2, tags: 1.5, body: 0.7 } as const;
const FIELDS = Object.keys(BOOST);
/** Plain BM25 (no BM25+ floor: a long body should not earn a bonus for a word it mentions once). */
const BM25 = { k: 1.2, b: 0.75, d: 0 };
/** A trainer phrase or keyword found whole, per word it holds (Chinese: per two characters), at most 3. */
const PHRASE_WEIGHT = 3;
const SYNONYM_TERM_BOOST = 0.6;
/** The subject is the customer's own summary: its words count more than the message's. */
const SUBJECT_TERM_BOOST = 1.5;
const TAG_BONUS = 3;
const GRADE_LIFT = 1.6;
const TIER_LIFT = 1.25;
/** Long messages: the terms kept for the index search, rarest in the message first. */
const MAX_QUERY_TERMS = 40;

interface IndexedScript {
  id: string;
  title: string;
  body: string;
  keywords: string;
  phrases: string;
  tags: string;
}

interface CompiledScript {
  script: ScriptEntry;
  tags: Set<string>;
}

interface Anchored {
  expression: Expression;
  scriptId?: string;
  /** For synonyms: the group's other members. */
  group?: Expression[];
  kind: 'phrase' | 'synonym';
}

export function detectLocale(context: SuggestionContext): ScriptLocale {
  if (context.locale?.toLowerCase().startsWith('zh')) return 'zh_CN';
  if (context.locale?.toLowerCase().startsWith('en')) return 'en';
  return containsHan(`${context.subject ?? ''} ${context.latestCustomerMessage ?? ''}`) ? 'zh_CN' : 'en';
}

/** Everything a script says for matching, besides title, body and tags. */
function matchingExpressions(script: ScriptEntry): string[] {
  return [...script.triggerKeywords, ...script.phrases, ...script.synonyms.flat()];
}

/** The key a stored index must carry to be reused: same scripts, same analysis, same organisation synonyms. */
export function indexKey(catalogVersion: string, synonyms: OrgSynonyms = []): string {
  return `${catalogVersion}|a${ANALYZER_VERSION}.${NORMALIZATION_VERSION}|s${hashOf(JSON.stringify(synonyms))}`;
}

function hashOf(text: string): string {
  // FNV-1a: a short, stable fingerprint (not security): the synonym list changes rarely and is small.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/**
 * The script catalog, indexed (MiniSearch: a small, well-kept BM25 index that runs in a service worker) with the
 * analysis of analyze.ts. `suggest` ranks for a ticket, `search` answers the agent's query; `update` applies a
 * catalog delta in place, `toStored` gives the JSON to keep in IndexedDB.
 */
export function createScriptIndex(
  catalog: ScriptEntry[],
  settings: RankingSettings = {},
  stored?: StoredIndex['index'],
) {
  const byId = new Map<string, CompiledScript>();
  const orgGroups = (settings.synonyms ?? []).map((group) => group.map(compileExpression));
  const lexiconWords = new Set<string>(orgGroups.flat().map((e) => e.text));
  let lexicon: Lexicon = buildLexicon(lexiconWords);
  // Expressions by their first stem (English) or first two characters (Chinese): a ticket checks only those whose
  // anchor it contains, so 10,000 scripts' phrases cost a few lookups.
  const anchored = new Map<string, Anchored[]>();
  const priors = new Map((settings.priors ?? []).map((prior) => [prior.scriptId, prior]));

  const anchorOf = (expression: Expression) =>
    expression.han ? expression.compact.slice(0, 2) : (expression.stems[0] ?? '');
  const addAnchored = (entry: Anchored) => {
    const anchor = anchorOf(entry.expression);
    if (!anchor) return;
    const list = anchored.get(anchor) ?? [];
    list.push(entry);
    anchored.set(anchor, list);
  };
  for (const group of orgGroups) for (const expression of group) addAnchored({ expression, group, kind: 'synonym' });

  const tokenizeForIndex = (text: string) =>
    analyzeText(text, lexicon)
      .tokens.filter((token) => !token.stop)
      .map((token) => token.term);
  const indexOptions = {
    fields: FIELDS,
    tokenize: tokenizeForIndex,
    processTerm: (term: string) => term,
    searchOptions: { boost: { ...BOOST }, bm25: BM25 },
  };
  const byTag = new Map<string, Set<string>>();

  function compile(script: ScriptEntry) {
    for (const text of matchingExpressions(script)) lexiconWords.add(text);
    const tags = new Set(script.tags.map((tag) => tag.toLowerCase()));
    byId.set(script.id, { script, tags });
    for (const tag of tags) byTag.set(tag, (byTag.get(tag) ?? new Set()).add(script.id));
    for (const text of [...script.triggerKeywords, ...script.phrases])
      addAnchored({ expression: compileExpression(text), scriptId: script.id, kind: 'phrase' });
    for (const group of script.synonyms) {
      const members = group.map(compileExpression);
      for (const expression of members)
        addAnchored({ expression, scriptId: script.id, group: members, kind: 'synonym' });
    }
  }

  function documentOf(script: ScriptEntry): IndexedScript {
    return {
      id: script.id,
      title: script.title,
      body: script.body.replace(/\{\{[^}]*\}\}/g, ' '),
      keywords: script.triggerKeywords.join('\n'),
      phrases: [...script.phrases, ...script.synonyms.flat()].join('\n'),
      tags: script.tags.join('\n'),
    };
  }

  const live = catalog.filter((script) => script.status === 'published');
  for (const script of live) compile(script);
  lexicon = buildLexicon(lexiconWords);
  // A stored index (built for the same key) is loaded as it is; otherwise every script is analysed now.
  const searchable = stored
    ? MiniSearch.loadJS<IndexedScript>(stored, indexOptions)
    : new MiniSearch<IndexedScript>(indexOptions);
  if (!stored) searchable.addAll(live.map(documentOf));

  /** A catalog delta: new and changed scripts replace their old entry, removed ones go. */
  function update(changed: ScriptEntry[], removedIds: string[]) {
    for (const id of [...removedIds, ...changed.map((script) => script.id)]) {
      const old = byId.get(id);
      if (!old) continue;
      byId.delete(id);
      for (const tag of old.tags) byTag.get(tag)?.delete(id);
      searchable.discard(id);
      for (const [anchor, list] of anchored) {
        const kept = list.filter((entry) => entry.scriptId !== id);
        if (kept.length === 0) anchored.delete(anchor);
        else if (kept.length !== list.length) anchored.set(anchor, kept);
      }
    }
    const published = changed.filter((script) => script.status === 'published');
    for (const script of published) compile(script);
    lexicon = buildLexicon(lexiconWords);
    searchable.addAll(published.map(documentOf));
  }

  /** Trainer phrases, keywords and synonyms found whole in the ticket, per script; org synonyms' expansions. */
  function expressionsIn(text: AnalyzedText) {
    const anchors = new Set<string>();
    for (const word of text.words) anchors.add(word.term);
    for (let i = 0; i + 1 < text.compact.length; i++) anchors.add(text.compact.slice(i, i + 2));
    const perScript = new Map<string, SuggestionReason[]>();
    const phraseScore = new Map<string, number>();
    const expansions = new Map<string, { said: string; means: string }>();
    for (const anchor of anchors) {
      for (const entry of anchored.get(anchor) ?? []) {
        if (findExpression(entry.expression, text) === undefined) continue;
        if (!entry.scriptId) {
          // An organisation synonym: its other members' words join the query.
          for (const other of entry.group ?? []) {
            if (other === entry.expression) continue;
            for (const token of analyzeText(other.text, lexicon).tokens)
              if (!token.stop && !expansions.has(token.term))
                expansions.set(token.term, { said: entry.expression.text, means: other.text });
          }
          continue;
        }
        const reasons = perScript.get(entry.scriptId) ?? [];
        const already = reasons.some(
          (r) =>
            (r.kind === 'phrase' && r.phrase === entry.expression.text) ||
            (r.kind === 'synonym' && r.said === entry.expression.text),
        );
        if (already) continue;
        const means = entry.group?.find((member) => member !== entry.expression)?.text;
        reasons.push(
          entry.kind === 'synonym' && means
            ? { kind: 'synonym', said: entry.expression.text, means }
            : { kind: 'phrase', phrase: entry.expression.text },
        );
        perScript.set(entry.scriptId, reasons);
        const size = entry.expression.han ? entry.expression.compact.length / 2 : entry.expression.stems.length;
        phraseScore.set(entry.scriptId, (phraseScore.get(entry.scriptId) ?? 0) + PHRASE_WEIGHT * Math.min(3, size));
      }
    }
    return { perScript, phraseScore, expansions };
  }

  function queryTerms(tokens: Token[]): { terms: string[]; surface: Map<string, string> } {
    const surface = new Map<string, string>();
    const counts = new Map<string, number>();
    for (const token of tokens) {
      if (token.stop || token.negated) continue;
      if (!surface.has(token.term)) surface.set(token.term, token.surface);
      counts.set(token.term, (counts.get(token.term) ?? 0) + 1);
    }
    return { terms: [...counts.keys()].slice(0, MAX_QUERY_TERMS), surface };
  }

  function textMatches(
    text: AnalyzedText,
    expansionTerms: Map<string, { said: string; means: string }>,
    subjectTerms: Set<string>,
  ) {
    const { terms, surface } = queryTerms(text.tokens);
    const expanded = [...expansionTerms.keys()].filter((term) => !surface.has(term));
    if (terms.length + expanded.length === 0) return { results: [] as SearchResult[], surface };
    const extra = new Set(expanded);
    const results = searchable.search([...terms, ...expanded].join(' '), {
      fields: FIELDS,
      // The terms are already analysed: MiniSearch must not segment them again.
      tokenize: (query) => query.split(' '),
      processTerm: (term) => term,
      boostTerm: (term) => (extra.has(term) ? SYNONYM_TERM_BOOST : subjectTerms.has(term) ? SUBJECT_TERM_BOOST : 1),
      combineWith: 'OR',
      bm25: BM25,
    });
    return { results, surface };
  }

  function suggest(context: SuggestionContext, options: SuggestOptions = {}): Suggestion[] {
    const locale = options.locale ?? detectLocale(context);
    const text = analyzeText([context.subject, context.latestCustomerMessage].filter(Boolean).join('\n'), lexicon);
    const subjectEnd = normalizeForMatching(context.subject ?? '').length;
    const subjectTerms = new Set(text.tokens.filter((t) => t.start < subjectEnd).map((t) => t.term));
    const found = expressionsIn(text);
    const { results, surface } = textMatches(text, found.expansions, subjectTerms);
    const ticketTags = new Set((context.tags ?? []).map((tag) => tag.toLowerCase()));
    const scored: { script: ScriptEntry; score: number; reasons: SuggestionReason[] }[] = [];
    const seen = new Set<string>();
    const consider = (id: string, textScore: number, matchedTerms: string[]) => {
      if (seen.has(id)) return;
      seen.add(id);
      const compiled = byId.get(id);
      if (!compiled) return;
      const { script } = compiled;
      // A script for other tiers promises what this customer does not have: never suggested.
      if (script.tiers.length > 0 && !(options.tier && script.tiers.includes(options.tier))) return;
      const reasons: SuggestionReason[] = [];
      let score = textScore + (found.phraseScore.get(id) ?? 0);
      reasons.push(...(found.perScript.get(id) ?? []));
      const words = matchedTerms.filter((term) => surface.has(term)).map((term) => surface.get(term) as string);
      if (words.length > 0) reasons.push({ kind: 'words', terms: words.slice(0, 5) });
      for (const term of matchedTerms) {
        const expansion = found.expansions.get(term);
        if (expansion && !reasons.some((r) => r.kind === 'synonym' && r.said === expansion.said))
          reasons.push({ kind: 'synonym', ...expansion });
      }
      const tag = ticketTags.size > 0 ? script.tags.find((t) => ticketTags.has(t.toLowerCase())) : undefined;
      if (tag) {
        score += TAG_BONUS;
        reasons.push({ kind: 'tag', tag });
      }
      if (score <= 0) return;
      // Lifts multiply the evidence: a script for this grade or tier rises only when the words fit it too.
      if (options.grade && script.grades.includes(options.grade)) {
        score *= GRADE_LIFT;
        reasons.push({ kind: 'grade', grade: options.grade });
      }
      if (options.tier && script.tiers.includes(options.tier)) {
        score *= TIER_LIFT;
        reasons.push({ kind: 'tier', tier: options.tier });
      }
      const prior = priors.get(id);
      if (prior) {
        score *= priorMultiplier(prior);
        reasons.push({ kind: 'learned', rate: Math.round(prior.rate * 100), n: prior.n });
      }
      scored.push({ script, score, reasons });
    };
    // MiniSearch multiplies a document's BM25 sum by how many query terms it matched; undone here, so a long
    // message's many weak words do not outweigh a trainer phrase found whole.
    for (const result of results) consider(String(result.id), result.score / result.terms.length, result.terms);
    for (const id of found.perScript.keys()) consider(id, 0, []);
    for (const tag of ticketTags) for (const id of byTag.get(tag) ?? []) consider(id, 0, []);
    // Scripts in another language are offered only when none in the reply's language fits.
    const sameLanguage = scored.filter((s) => s.script.locale === locale);
    const ranked = (sameLanguage.length > 0 ? sameLanguage : scored).sort(
      (a, b) => b.score - a.score || (a.script.id < b.script.id ? -1 : 1),
    );
    return ranked.slice(0, options.limit ?? 5);
  }

  /** The agent's own search box: text relevance first (word starts count), the reply's language preferred. */
  function search(query: string, options: { locale?: ScriptLocale; limit?: number; tier?: string } = {}): Suggestion[] {
    const text = analyzeText(query, lexicon);
    const { terms, surface } = queryTerms(text.tokens);
    if (terms.length === 0) return [];
    const results = searchable.search(terms.join(' '), {
      tokenize: (q) => q.split(' '),
      processTerm: (term) => term,
      // The agent is still typing: "refu" finds "refund"; not for Chinese words.
      prefix: (term) => term.length > 2 && /^[a-z]/.test(term),
      combineWith: 'OR',
    });
    const locale = options.locale ?? (containsHan(query) ? 'zh_CN' : undefined);
    const top = results[0]?.score ?? 1;
    return results
      .flatMap((result) => {
        const compiled = byId.get(String(result.id));
        if (!compiled) return [];
        const { script } = compiled;
        const relevance = result.score / top;
        const score = locale && script.locale !== locale ? relevance * 0.5 : relevance;
        // Prefix matches name the script's word ("refund" for "refu"); whole words the agent's own.
        const words = result.terms.map((term) => surface.get(term) ?? term);
        const reasons: SuggestionReason[] = [{ kind: 'words', terms: words.slice(0, 5) }];
        if (script.tiers.length > 0 && !(options.tier && script.tiers.includes(options.tier)))
          reasons.push({ kind: 'restricted', tiers: script.tiers });
        return [{ script, score, reasons }];
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, options.limit ?? 10);
  }

  return {
    suggest,
    search,
    update,
    toStored: (): AsPlainObject => searchable.toJSON(),
    get size() {
      return byId.size;
    },
  };
}

export type ScriptIndex = ReturnType<typeof createScriptIndex>;
