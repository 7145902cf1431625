import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeComplaint } from '../sla/grading';
import { DEFAULT_CATALOG } from './default-catalog';
import { ndcgAtK, plainBm25 } from './quality';
import { createScriptIndex } from './rank';

interface LabelledTicket {
  id: string;
  locale: 'en' | 'zh_CN';
  subject: string;
  message: string;
  tags: string[];
  relevant: string[];
}

const tickets = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../test/fixtures/suggestions/labelled-tickets.json'), 'utf8'),
) as LabelledTicket[];

function meanNdcg(rank: (ticket: LabelledTicket) => string[], subset = tickets) {
  return subset.reduce((sum, ticket) => sum + ndcgAtK(rank(ticket), ticket.relevant), 0) / subset.length;
}

const ours = createScriptIndex(DEFAULT_CATALOG);
const oursRank = (t: LabelledTicket) =>
  ours
    .suggest(
      { subject: t.subject, latestCustomerMessage: t.message, tags: t.tags },
      { grade: gradeComplaint(`${t.subject}\n${t.message}`).grade },
    )
    .map((s) => s.script.id);
const baseline = plainBm25(DEFAULT_CATALOG);
const baselineRank = (t: LabelledTicket) => baseline(`${t.subject} ${t.message}`);

describe('suggestion quality on the labelled set', () => {
  it('has at least 60 tickets, half of them Chinese, each naming scripts that exist', () => {
    expect(tickets.length).toBeGreaterThanOrEqual(60);
    expect(tickets.filter((t) => t.locale === 'zh_CN').length).toBeGreaterThanOrEqual(tickets.length / 2);
    const ids = new Set(DEFAULT_CATALOG.map((s) => s.id));
    for (const ticket of tickets) for (const id of ticket.relevant) expect(ids, `${ticket.id} → ${id}`).toContain(id);
  });

  it('ranks better than plain BM25 over the same catalog, in both languages', () => {
    const zh = tickets.filter((t) => t.locale === 'zh_CN');
    const en = tickets.filter((t) => t.locale === 'en');
    expect(meanNdcg(oursRank)).toBeGreaterThan(meanNdcg(baselineRank));
    expect(meanNdcg(oursRank, zh)).toBeGreaterThan(meanNdcg(baselineRank, zh));
    expect(meanNdcg(oursRank, en)).toBeGreaterThanOrEqual(meanNdcg(baselineRank, en));
    expect(meanNdcg(oursRank)).toBeGreaterThan(0.8);
  });
});

describe('ndcg@3', () => {
  it('is 1 for a perfect ranking and discounts lower positions', () => {
    expect(ndcgAtK(['a', 'b', 'c'], ['a'])).toBe(1);
    expect(ndcgAtK(['x', 'a', 'c'], ['a'])).toBeCloseTo(1 / Math.log2(3));
    expect(ndcgAtK(['x', 'y', 'z', 'a'], ['a'])).toBe(0);
  });
});
