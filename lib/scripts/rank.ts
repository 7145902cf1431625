import MiniSearch from 'minisearch';
import type { ScriptEffectiveness, ScriptEntry, ScriptLocale } from '../schema/scripts';
import type { ComplaintGrade } from '../schema/sla';
import { containsHan, tokenize } from './tokenize';

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
      // Prefix search helps English word forms ("refunded" ← "refund"); not for Han bigrams.
      prefix: (term) => term.length > 3 && /^[a-z]/.test(term),
    },
  });
  index.addAll(
    live.map((script) => ({
      id: script.id,
      title: script.title,
      body: script.body.replace(/\{\{[^}]*\}\}/g, ' '),
      keywords: script.triggerKeywords.join(' '),
      tags: script.tags.join(' '),
    })),
  );

  /**
   * Suggestions match on what trainers write for matching (title, trigger keywords, tags): bodies are long and
   * share common words, which in a large catalog costs time and adds noise. The search box also searches bodies.
   */
  function textMatches(query: string, fields?: string[]): Map<string, { score: number; terms: string[] }> {
    const results = query.trim() ? index.search(query, fields ? { fields } : {}) : [];
    const top = results[0]?.score ?? 1;
    return new Map(results.map((result) => [String(result.id), { score: result.score / top, terms: result.terms }]));
  }

  function suggest(context: SuggestionContext, options: SuggestOptions = {}): Suggestion[] {
    const locale = options.locale ?? detectLocale(context);
    const matches = textMatches(
      [context.subject, context.latestCustomerMessage].filter(Boolean).join('\n'),
      SUGGEST_FIELDS,
    );
    const ticketTags = new Set((context.tags ?? []).map((tag) => tag.toLowerCase()));
    const gradeScenarios = SCENARIOS_FOR_GRADE[options.grade ?? 'normal'];
    const effectiveness = new Map((options.effectiveness ?? []).map((e) => [`${e.scriptId}@${e.version}`, e]));
    const candidates = new Set<ScriptEntry>();
    for (const id of matches.keys()) candidates.add(byId.get(id) as ScriptEntry);
    for (const tag of ticketTags) for (const script of byTag.get(tag) ?? []) candidates.add(script);
    if (options.tier) for (const script of byTier.get(options.tier) ?? []) candidates.add(script);
    for (const scenario of gradeScenarios) for (const script of byScenario.get(scenario) ?? []) candidates.add(script);
    const suggestions: Suggestion[] = [];
    for (const script of candidates) {
      const reasons: SuggestionReason[] = [];
      const match = matches.get(script.id);
      let score = 0;
      if (match) {
        score += match.score;
        reasons.push({ kind: 'words', terms: match.terms.slice(0, 5) });
      }
      const tag = script.tags.find((t) => ticketTags.has(t.toLowerCase()));
      if (tag) {
        score += 0.3;
        reasons.push({ kind: 'tag', tag });
      }
      if (options.tier && script.tiers.includes(options.tier)) {
        score += 0.3;
        reasons.push({ kind: 'tier', tier: options.tier });
      }
      if (options.grade && gradeScenarios.includes(script.scenario)) {
        // Money lost or fraud must be escalated whatever else the message says (PRODUCT.md rule 3).
        score += options.grade === 'urgent' ? 1.5 : gradeScenarios[0] === script.scenario ? 0.5 : 0.4;
        reasons.push({ kind: 'scenario', scenario: script.scenario, because: options.grade });
      }
      if (score === 0) continue;
      const measured = effectiveness.get(`${script.id}@${script.version}`);
      if (measured && measured.n >= MIN_EFFECTIVENESS_N) {
        score *= 1 + Math.max(-0.3, Math.min(0.3, measured.csatLift / 30));
        reasons.push({ kind: 'effective', csatLift: measured.csatLift, n: measured.n });
      }
      suggestions.push({ script, score, reasons });
    }
    const ranked = suggestions.sort((a, b) => b.score - a.score || a.script.id.localeCompare(b.script.id));
    // Scripts in another language are offered only when none in the reply's language fits.
    const sameLanguage = ranked.filter((s) => s.script.locale === locale);
    return (sameLanguage.length > 0 ? sameLanguage : ranked).slice(0, options.limit ?? 5);
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
