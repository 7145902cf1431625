import type { EvaluationTicket } from './sets';

/**
 * The independent set split in two, once and for all: DEV, whose failures may be looked at and diagnosed, and
 * HELD-OUT, whose tickets are never read while the ranker is improved — its figure is the honest one. The split
 * is deterministic (FNV-1a of the ticket id, so it never depends on file order or on who runs it) and stratified
 * by language: within each language the tickets are ordered by that hash and every other one goes to DEV.
 */
export type SplitHalf = 'dev' | 'held-out';

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function splitHalves(tickets: EvaluationTicket[]): Record<SplitHalf, EvaluationTicket[]> {
  const halves: Record<SplitHalf, EvaluationTicket[]> = { dev: [], 'held-out': [] };
  for (const locale of [...new Set(tickets.map((t) => t.locale))].sort()) {
    const ordered = tickets
      .filter((t) => t.locale === locale)
      .map((t) => ({ t, hash: fnv1a(`desklens-eval-split:${t.id}`) }))
      .sort((a, b) => a.hash - b.hash || (a.t.id < b.t.id ? -1 : 1));
    ordered.forEach(({ t }, i) => {
      halves[i % 2 === 0 ? 'dev' : 'held-out'].push(t);
    });
  }
  return halves;
}
