import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Piece, planPieces } from './stats.plan';

const DAY = 86_400_000;

/** The instants a piece covers, as [start, end) in ms: buckets are whole UTC days or months. */
function span(piece: Piece): [number, number] {
  if (piece.source === 'raw') return [Date.parse(piece.from), Date.parse(piece.to)];
  if (piece.source === 'day') return [Date.parse(`${piece.from}T00:00:00Z`), Date.parse(`${piece.to}T00:00:00Z`)];
  return [Date.parse(`${piece.from}-01T00:00:00Z`), Date.parse(`${piece.to}-01T00:00:00Z`)];
}

describe('planning roll-up pieces', () => {
  it('reads a UTC-aligned year from twelve months and nothing raw', () => {
    expect(planPieces([{ label: '', from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' }])).toEqual([
      { source: 'month', label: '', from: '2026-01', to: '2027-01' },
    ]);
  });

  it('reads a Shanghai quarter as raw hours, days, months, days and raw hours', () => {
    const pieces = planPieces([{ label: '', from: '2026-09-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' }]);
    expect(pieces).toEqual([
      { source: 'raw', label: '', from: '2026-09-30T16:00:00.000Z', to: '2026-10-01T00:00:00.000Z' },
      { source: 'month', label: '', from: '2026-10', to: '2026-12' },
      { source: 'day', label: '', from: '2026-12-01', to: '2026-12-31' },
      { source: 'raw', label: '', from: '2026-12-31T00:00:00.000Z', to: '2026-12-31T16:00:00.000Z' },
    ]);
  });

  it('keeps a period shorter than a UTC day raw', () => {
    expect(planPieces([{ label: 'd', from: '2026-11-02T23:00:00.000Z', to: '2026-11-03T23:00:00.000Z' }])).toEqual([
      { source: 'raw', label: 'd', from: '2026-11-02T23:00:00.000Z', to: '2026-11-03T23:00:00.000Z' },
    ]);
  });

  it('covers every period exactly once, whatever its edges', () => {
    const instant = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2027, 0, 1) });
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, fc.integer({ min: 1, max: 200 * DAY })), { maxLength: 4 }), (spans) => {
        const periods = spans.map(([start, length], i) => ({
          label: `p${i}`,
          from: new Date(start).toISOString(),
          to: new Date(start + length).toISOString(),
        }));
        const pieces = planPieces(periods);
        for (const period of periods) {
          const mine = pieces
            .filter((p) => p.label === period.label)
            .map(span)
            .sort((a, b) => a[0] - b[0]);
          // Contiguous, non-empty, from the period's start to its end.
          expect(mine[0]?.[0]).toBe(Date.parse(period.from));
          expect(mine.at(-1)?.[1]).toBe(Date.parse(period.to));
          for (let i = 0; i < mine.length; i++) {
            const [a, b] = mine[i] as [number, number];
            expect(a).toBeLessThan(b);
            if (i > 0) expect(a).toBe(mine[i - 1]?.[1]);
          }
        }
      }),
    );
  });
});
