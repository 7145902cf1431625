import MiniSearch from 'minisearch';
import type { ScriptEntry } from '../schema/scripts';

/** nDCG@k with binary relevance: how well the first k suggestions hold the scripts a trainer picked. */
export function ndcgAtK(ranked: string[], relevant: string[], k = 3): number {
  const wanted = new Set(relevant);
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    if (wanted.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(k, wanted.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

/**
 * nDCG@k with graded relevance (0–3, as the independent set is labelled): gain 2^grade − 1, so the best script
 * first counts far more than an acceptable generic one.
 */
export function gradedNdcgAtK(ranked: string[], grades: Record<string, number>, k = 3): number {
  const gain = (grade: number) => 2 ** grade - 1;
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => {
    dcg += gain(grades[id] ?? 0) / Math.log2(i + 2);
  });
  const ideal = Object.values(grades)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, grade, i) => sum + gain(grade) / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

/** The baseline: MiniSearch with its default settings (whitespace/punctuation tokenizer, BM25, no boosts). */
export function plainBm25(catalog: ScriptEntry[]) {
  const index = new MiniSearch<{ id: string; title: string; body: string; keywords: string; tags: string }>({
    fields: ['title', 'body', 'keywords', 'tags'],
  });
  index.addAll(
    catalog.map((s) => ({
      id: s.id,
      title: s.title,
      body: s.body,
      keywords: s.triggerKeywords.join(' '),
      tags: s.tags.join(' '),
    })),
  );
  return (query: string) => index.search(query).map((result) => String(result.id));
}
