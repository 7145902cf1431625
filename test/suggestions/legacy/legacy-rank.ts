import MiniSearch, { type SearchResult } from 'minisearch';
import type { ScriptEffectiveness, ScriptEntry, ScriptLocale } from '../../../lib/schema/scripts';
import type { ComplaintGrade } from '../../../lib/schema/sla';
import { containsHan, tokenize } from './legacy-tokenize';

export interface SuggestionContext {
  subject?: string;
  latestCustomerMessage?: string;
  tags?: string[];
  locale?: string;
}

export interface SuggestOptions {
  tier?: string;
  grade?: ComplaintGrade;
  /** Locale of the agent's reply; detected from the ticket text when absent. */
  locale?: ScriptLocale;
  limit?: number;
  effectiveness?: ScriptEffectiveness[];
}

export interface Suggestion {
  script: ScriptEntry;
  score: number;
  /** Why, in words an agent understands: ["words: refund, arrived", "tag: refund", "language"]. */
  reasons: SuggestionReason[];
}

export type SuggestionReason =
  | { kind: 'words'; terms: string[] }
  | { kind: 'tag'; tag: string }
  | { kind: 'tier'; tier: string }
  | { kind: 'scenario'; scenario: string; because: ComplaintGrade }
  | { kind: 'effective'; csatLift: number; n: number };

/** Scenarios a complaint grade calls for (PRODUCT.md rule 3: urgent money/fraud complaints are escalated). */
const SCENARIOS_FOR_GRADE: Record<ComplaintGrade, string[]> = {
  urgent: ['fraud_escalation'],
  important: ['angry_customer', 'apology', 'four_step'],
  normal: [],
};

const MIN_EFFECTIVENESS_N = 20;
const SUGGEST_FIELDS = ['title', 'keywords', 'tags'];
/**
 * A ticket message can hold dozens of words; searching all of them walks long posting lists for words that
 * say little (the p95 budget is 2 ms over 10,000 scripts). The rarest words carry most of the BM25 weight,
 * so suggestions search the rarest ones: at most MAX_QUERY_TERMS, and further words only while the scripts
 * they touch stay within POSTINGS_BUDGET (the rarest word is always searched).
 */
const MAX_QUERY_TERMS = 10;
const MIN_QUERY_TERMS = 1;
const POSTINGS_BUDGET = 800;
const canPrefix = (term: string) => term.length > 3 && /^[a-z]/.test(term);
const splitTerms = (text: string) => text.split(' ');

export function detectLocale(context: SuggestionContext): ScriptLocale {
  if (context.locale?.toLowerCase().startsWith('zh')) return 'zh_CN';
  if (context.locale?.toLowerCase().startsWith('en')) return 'en';
  return containsHan(`${context.subject ?? ''} ${context.latestCustomerMessage ?? ''}`) ? 'zh_CN' : 'en';
}

interface IndexedScript {
  id: string;
  title: string;
  body: string;
  keywords: string;
  tags: string;
}

/**
 * The script catalog, indexed once (MiniSearch: a small, well-kept BM25 index that runs in a service worker)
 * with segmentation that works for Chinese. `suggest` ranks for a ticket, `search` answers the agent's query.
 */
export function createScriptIndex(catalog: ScriptEntry[]) {
  const live = catalog.filter((script) => script.status === 'published');
  const byId = new Map(live.map((script) => [script.id, script]));
  // Candidates come from these lookups, so a suggestion never scans the whole catalog.
  const byTag = groupBy(live, (script) => script.tags.map((tag) => tag.toLowerCase()));
  const byTier = groupBy(live, (script) => script.tiers);
  const byScenario = groupBy(live, (script) => [script.scenario]);
  const index = new MiniSearch<IndexedScript>({
    fields: ['title', 'body', 'keywords', 'tags'],
    tokenize,
    processTerm: (term) => term,
    searchOptions: {
      boost: { keywords: 3, title: 2, tags: 1.5 },
      combineWith: 'OR',
      // Prefix search lets "refund" find "refunded"; not for Han bigrams.
      prefix: canPrefix,
    },
  });
  const documents = live.map((script) => ({
    id: script.id,
    title: script.title,
    body: script.body.replace(/\{\{[^}]*\}\}/g, ' '),
    keywords: script.triggerKeywords.join(' '),
    tags: script.tags.join(' '),
  }));
  index.addAll(documents);
  // How many scripts use each term in the fields suggestions match on, to pick a message's telling words.
  const documentFrequency = new Map<string, number>();
  for (const doc of documents) {
    for (const term of new Set(tokenize(`${doc.title}\n${doc.keywords}\n${doc.tags}`))) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const vocabulary = [...documentFrequency.keys()].sort();

  /** Document frequency of a query term, or of the first indexed word it is a prefix of; 0 when nothing matches. */
  function frequencyOf(term: string): number {
    const exact = documentFrequency.get(term);
    if (exact !== undefined || !canPrefix(term)) return exact ?? 0;
    let low = 0;
    let high = vocabulary.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((vocabulary[mid] as string) < term) low = mid + 1;
      else high = mid;
    }
    const next = vocabulary[low];
    return next?.startsWith(term) ? (documentFrequency.get(next) ?? 0) : 0;
  }

  /** The message's words that can match, rarest first, within the term and postings budgets. */
  function tellingTerms(text: string): string[] {
    const ranked = [...new Set(tokenize(text))]
      .map((term) => ({ term, df: frequencyOf(term) }))
      .filter(({ df }) => df > 0)
      .sort((a, b) => a.df - b.df || (a.term < b.term ? -1 : 1));
    const chosen: string[] = [];
    let postings = 0;
    for (const { term, df } of ranked) {
      if (chosen.length >= MAX_QUERY_TERMS) break;
      if (chosen.length >= MIN_QUERY_TERMS && postings + df > POSTINGS_BUDGET) break;
      chosen.push(term);
      postings += df;
    }
    return chosen;
  }

  /**
   * Suggestions match on what trainers write for matching (title, trigger keywords, tags): bodies are long and
   * share common words, which in a large catalog costs time and adds noise. The search box also searches bodies.
   */
  function textMatches(query: string): Map<string, { score: number; terms: string[] }> {
    return toMatches(query.trim() ? index.search(query) : []);
  }

  function toMatches(results: SearchResult[]): Map<string, { score: number; terms: string[] }> {
    const top = results[0]?.score ?? 1;
    return new Map(results.map((result) => [String(result.id), { score: result.score / top, terms: result.terms }]));
  }

  function suggestionMatches(text: string): Map<string, { score: number; terms: string[] }> {
    const terms = tellingTerms(text);
    if (terms.length === 0) return new Map();
    // The terms are already tokens: MiniSearch must not segment them again.
    return toMatches(index.search(terms.join(' '), { fields: SUGGEST_FIELDS, tokenize: splitTerms }));
  }

  function suggest(context: SuggestionContext, options: SuggestOptions = {}): Suggestion[] {
    const locale = options.locale ?? detectLocale(context);
    const matches = suggestionMatches([context.subject, context.latestCustomerMessage].filter(Boolean).join('\n'));
    const ticketTags = new Set((context.tags ?? []).map((tag) => tag.toLowerCase()));
    const gradeScenarios = SCENARIOS_FOR_GRADE[options.grade ?? 'normal'];
    const effectiveness = new Map((options.effectiveness ?? []).map((e) => [`${e.scriptId}@${e.version}`, e]));
    const candidates = new Set<ScriptEntry>();
    for (const id of matches.keys()) candidates.add(byId.get(id) as ScriptEntry);
    for (const tag of ticketTags) for (const script of byTag.get(tag) ?? []) candidates.add(script);
    if (options.tier) for (const script of byTier.get(options.tier) ?? []) candidates.add(script);
    for (const scenario of gradeScenarios) for (const script of byScenario.get(scenario) ?? []) candidates.add(script);
    /** The script's score; `reasons`, when given, collects why (built only for the scripts shown). */
    function scoreOf(script: ScriptEntry, reasons?: SuggestionReason[]): number {
      const match = matches.get(script.id);
      let score = 0;
      if (match) {
        score += match.score;
        reasons?.push({ kind: 'words', terms: match.terms.slice(0, 5) });
      }
      const tag = ticketTags.size > 0 ? script.tags.find((t) => ticketTags.has(t.toLowerCase())) : undefined;
      if (tag) {
        score += 0.3;
        reasons?.push({ kind: 'tag', tag });
      }
      if (options.tier && script.tiers.includes(options.tier)) {
        score += 0.3;
        reasons?.push({ kind: 'tier', tier: options.tier });
      }
      if (options.grade && gradeScenarios.includes(script.scenario)) {
        // Money lost or fraud must be escalated whatever else the message says (PRODUCT.md rule 3).
        score += options.grade === 'urgent' ? 1.5 : gradeScenarios[0] === script.scenario ? 0.5 : 0.4;
        reasons?.push({ kind: 'scenario', scenario: script.scenario, because: options.grade });
      }
      if (score === 0) return 0;
      const measured = effectiveness.size > 0 ? effectiveness.get(`${script.id}@${script.version}`) : undefined;
      if (measured && measured.n >= MIN_EFFECTIVENESS_N) {
        score *= 1 + Math.max(-0.3, Math.min(0.3, measured.csatLift / 30));
        reasons?.push({ kind: 'effective', csatLift: measured.csatLift, n: measured.n });
      }
      return score;
    }
    // Scripts in another language are offered only when none in the reply's language fits.
    const sameLanguage: { script: ScriptEntry; score: number }[] = [];
    const otherLanguage: { script: ScriptEntry; score: number }[] = [];
    for (const script of candidates) {
      const score = scoreOf(script);
      if (score > 0) (script.locale === locale ? sameLanguage : otherLanguage).push({ script, score });
    }
    const ranked = (sameLanguage.length > 0 ? sameLanguage : otherLanguage).sort(
      (a, b) => b.score - a.score || (a.script.id < b.script.id ? -1 : 1),
    );
    return ranked.slice(0, options.limit ?? 5).map(({ script }) => {
      const reasons: SuggestionReason[] = [];
      return { script, score: scoreOf(script, reasons), reasons };
    });
  }

  /** The agent's own search box: text relevance first, the reply's language preferred. */
  function search(query: string, options: { locale?: ScriptLocale; limit?: number } = {}): Suggestion[] {
    const matches = textMatches(query);
    const locale = options.locale ?? (containsHan(query) ? 'zh_CN' : undefined);
    return [...matches]
      .flatMap(([id, match]) => {
        const script = byId.get(id);
        if (!script) return [];
        const score = locale && script.locale !== locale ? match.score * 0.5 : match.score;
        return [{ script, score, reasons: [{ kind: 'words' as const, terms: match.terms.slice(0, 5) }] }];
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, options.limit ?? 10);
  }

  return { suggest, search, size: live.length };
}

export type ScriptIndex = ReturnType<typeof createScriptIndex>;

function groupBy(scripts: ScriptEntry[], keys: (script: ScriptEntry) => string[]): Map<string, ScriptEntry[]> {
  const groups = new Map<string, ScriptEntry[]>();
  for (const script of scripts) {
    for (const key of keys(script)) {
      const list = groups.get(key) ?? [];
      list.push(script);
      groups.set(key, list);
    }
  }
  return groups;
}
