import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gradedNdcgAtK } from '../../lib/scripts/quality';
import type { EvaluationTicket } from './sets';

/**
 * A second, independent judgement of the same tickets (`labels-second.json` beside a set's `labels.json`): how far
 * two team leads agree says how high a ranker can be expected to score against either of them. Each answer holds
 * the second labeller's grades and the three scripts they would offer first, in order.
 */
export interface SecondAnswer {
  grades: Record<string, number>;
  top3: string[];
}

const fixtures = resolve(import.meta.dirname, '../fixtures/suggestions');

export function secondLabels(folder: 'independent' | 'independent-zh2'): Record<string, SecondAnswer> {
  const { answers } = JSON.parse(readFileSync(resolve(fixtures, folder, 'labels-second.json'), 'utf8')) as {
    answers: Record<string, SecondAnswer>;
  };
  return answers;
}

const gain = (grade: number) => 2 ** grade - 1;

/**
 * nDCG@k of a ranking that is only known up to ties (a labeller's grades, with no order among equal grades),
 * averaged over every order of the ties: a position inside a group of equal grades gets the group's mean gain.
 */
export function expectedNdcgOfGrades(ranking: Record<string, number>, target: Record<string, number>, k = 3): number {
  const ideal = Object.values(target)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, grade, i) => sum + gain(grade) / Math.log2(i + 2), 0);
  if (ideal === 0) return 0;
  const groups = new Map<number, string[]>();
  for (const [id, grade] of Object.entries(ranking))
    if (grade > 0) groups.set(grade, [...(groups.get(grade) ?? []), id]);
  let position = 0;
  let dcg = 0;
  for (const grade of [...groups.keys()].sort((a, b) => b - a)) {
    const ids = groups.get(grade) ?? [];
    const meanGain = ids.reduce((sum, id) => sum + gain(target[id] ?? 0), 0) / ids.length;
    for (let i = 0; i < ids.length && position < k; i++, position++) dcg += meanGain / Math.log2(position + 2);
  }
  return dcg / ideal;
}

/** The two labellers' grades averaged per script (a script one of them left out counts 0 for that one). */
export function meanGrades(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const ids = new Set([...Object.keys(a), ...Object.keys(b)]);
  return Object.fromEntries([...ids].map((id) => [id, ((a[id] ?? 0) + (b[id] ?? 0)) / 2]));
}

export interface Agreement {
  tickets: number;
  /** The second labeller's own top 3, scored against the first labeller's grades. */
  secondAgainstFirst: number;
  /** The first labeller's grades as a ranking (ties in every order), scored against the second's grades. */
  firstAgainstSecond: number;
  /** A ranker against the first labeller, the second, and the two's mean grades. */
  rankerAgainstFirst: number;
  rankerAgainstSecond: number;
  rankerAgainstBoth: number;
}

export function agreement(
  tickets: EvaluationTicket[],
  second: Record<string, SecondAnswer>,
  rank: (t: EvaluationTicket) => string[],
): Agreement {
  const judged = tickets.filter((t) => second[t.id]);
  const mean = (score: (t: EvaluationTicket, answer: SecondAnswer) => number) =>
    judged.reduce((sum, t) => sum + score(t, second[t.id] as SecondAnswer), 0) / judged.length;
  const ranked = new Map(judged.map((t) => [t.id, rank(t)]));
  const ours = (t: EvaluationTicket) => ranked.get(t.id) ?? [];
  return {
    tickets: judged.length,
    secondAgainstFirst: mean((t, answer) => gradedNdcgAtK(answer.top3, t.relevance)),
    firstAgainstSecond: mean((t, answer) => expectedNdcgOfGrades(t.relevance, answer.grades)),
    rankerAgainstFirst: mean((t) => gradedNdcgAtK(ours(t), t.relevance)),
    rankerAgainstSecond: mean((t, answer) => gradedNdcgAtK(ours(t), answer.grades)),
    rankerAgainstBoth: mean((t, answer) => gradedNdcgAtK(ours(t), meanGrades(t.relevance, answer.grades))),
  };
}
