import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ScriptEntry, ScriptLocale } from '../../lib/schema/scripts';
import type { ComplaintGrade } from '../../lib/schema/sla';
import { gradedNdcgAtK, plainBm25 } from '../../lib/scripts/quality';
import { createScriptIndex } from '../../lib/scripts/rank';
import { shippedSituationModel } from '../../lib/scripts/situations/default-model';
import { gradeComplaint } from '../../lib/sla/grading';
import { createScriptIndex as createLegacyIndex } from './legacy/legacy-rank';

/**
 * The labelled ticket sets for suggestion quality, in one shape: the project's own 60 tickets
 * (`labelled-tickets.json`, written with the first ranker) and the independent set (`independent/`, written and
 * labelled by people who never saw the catalog's ranker). Used by the bench (figures) and by tests (the tier
 * rule over every ticket). Aggregate figures only: no rule is ever tuned to one ticket of the independent set.
 */
export interface EvaluationTicket {
  id: string;
  locale: ScriptLocale;
  subject: string;
  message: string;
  tags: string[];
  tier?: string;
  /** The grade the set gives (a supervisor's judgement), when it gives one. */
  grade?: ComplaintGrade;
  style?: string;
  /** Script id → grade 1–3 (the own set: 1 for each relevant script). */
  relevance: Record<string, number>;
}

const fixtures = resolve(import.meta.dirname, '../fixtures/suggestions');

export function ownSet(): EvaluationTicket[] {
  const raw = JSON.parse(readFileSync(resolve(fixtures, 'labelled-tickets.json'), 'utf8')) as {
    id: string;
    locale: ScriptLocale;
    subject: string;
    message: string;
    tags: string[];
    relevant: string[];
  }[];
  return raw.map((t) => ({
    id: t.id,
    locale: t.locale,
    subject: t.subject,
    message: t.message,
    tags: t.tags,
    relevance: Object.fromEntries(t.relevant.map((id) => [id, 1])),
  }));
}

/**
 * An independent set: `independent` (231 tickets, en and zh, labelled against the catalog at ffc795c) or
 * `independent-zh2` (180 zh tickets written and labelled later by two other helpers, against the catalog of
 * 2026-12-01) or `independent-zh3` (160 more, written and labelled blind on 2026-12-02 after the last fit). Each
 * folder's README says who wrote and labelled it and what they saw.
 */
export function independentSet(
  folder: 'independent' | 'independent-zh2' | 'independent-zh3' = 'independent',
): EvaluationTicket[] {
  const dir = resolve(fixtures, folder);
  const tickets = JSON.parse(readFileSync(resolve(dir, 'tickets.json'), 'utf8')) as {
    id: string;
    language: 'en' | 'zh';
    subject: string;
    body: string;
    tier: string;
    grade: ComplaintGrade;
    style: string;
  }[];
  const { labels } = JSON.parse(readFileSync(resolve(dir, 'labels.json'), 'utf8')) as {
    labels: Record<string, Record<string, number>>;
  };
  return tickets.map((t) => ({
    id: t.id,
    locale: t.language === 'zh' ? 'zh_CN' : 'en',
    subject: t.subject,
    message: t.body,
    tags: [],
    tier: t.tier,
    grade: t.grade,
    style: t.style,
    relevance: labels[t.id] ?? {},
  }));
}

export type Ranker = (ticket: EvaluationTicket, grade: ComplaintGrade) => string[];

/** The grade a ticket is ranked with: the set's own, or what DeskLens's grader says (`pipeline`). */
export function gradeFor(ticket: EvaluationTicket, source: 'set' | 'pipeline'): ComplaintGrade {
  return source === 'set' && ticket.grade ? ticket.grade : gradeComplaint(`${ticket.subject}\n${ticket.message}`).grade;
}

export function rankers(catalog: ScriptEntry[]): Record<'desklens' | 'legacy' | 'bm25', Ranker> {
  const ours = createScriptIndex(catalog, { situations: shippedSituationModel() });
  const legacy = createLegacyIndex(catalog);
  const bm25 = plainBm25(catalog);
  const context = (t: EvaluationTicket) => ({ subject: t.subject, latestCustomerMessage: t.message, tags: t.tags });
  return {
    desklens: (t, grade) =>
      ours.suggest(context(t), { grade, tier: t.tier ?? 'general', locale: t.locale }).map((s) => s.script.id),
    legacy: (t, grade) =>
      legacy
        .suggest(context(t), { grade, locale: t.locale, ...(t.tier ? { tier: t.tier } : {}) })
        .map((s) => s.script.id),
    // MiniSearch defaults over title, body, keywords and tags; the ticket's language is the only help it gets.
    bm25: (t) => {
      const inLanguage = new Set(catalog.filter((s) => s.locale === t.locale).map((s) => s.id));
      return bm25(`${t.subject} ${t.message}`).filter((id) => inLanguage.has(id));
    },
  };
}

export function meanNdcg(tickets: EvaluationTicket[], rank: Ranker, source: 'set' | 'pipeline'): number {
  if (tickets.length === 0) return Number.NaN;
  return tickets.reduce((sum, t) => sum + gradedNdcgAtK(rank(t, gradeFor(t, source)), t.relevance), 0) / tickets.length;
}
