import { describe, expect, it } from 'vitest';
import { SCRIPT_USAGE_INSERT } from '../events/events.handlers';
import { DATABASE_KINDS, postgresUnavailableReason, withTestDatabase } from '../testing';
import { type BulkInsert, bulkInsert } from './bulk-insert';
import { openDatabase } from './index';
import type { ScriptUsageTable } from './schema';

const skipPostgres = await postgresUnavailableReason();

// The shape ingest writes script usage with, reporting which rows were new.
const USAGE: BulkInsert<'script_usage'> = {
  ...SCRIPT_USAGE_INSERT,
  suffix: 'on conflict ("org_id", "event_id") do nothing returning "event_id"',
};

// Text an agent's browser can send in any field, written as PostgreSQL array literals and SQL would misread it.
const HOSTILE = [
  'NULL',
  'null',
  '',
  ' ',
  '{a,b}',
  '"quoted", with comma',
  'back\\slash \\" and quote',
  "it's; drop table feedback; --",
  'line\nbreak\r\nand\ttab',
  '客户说“发错货了”',
  '😀 emoji, {braces} "and" \\',
  '$1::text[]',
];

const row = (i: number, text: string, edited: number | null): ScriptUsageTable => ({
  event_id: `e-${i}`,
  org_id: 'o',
  team_id: i % 2 ? null : text,
  agent_id: 'u',
  helpdesk: 'zendesk',
  ticket_id: text,
  script_id: text,
  script_version: i,
  action: 'inserted',
  edited,
  occurred_at: '2026-11-20T09:00:00.000Z',
});

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`bulk inserts on ${kind}`, () => {
    it('stores every value as sent (nulls, integers, text that looks like SQL or an array) and reports new rows', async () => {
      const run = await withTestDatabase(kind, async (testDb) => {
        const database = await openDatabase(testDb.url);
        try {
          const rows = HOSTILE.map((text, i) => row(i, text, i % 3 === 0 ? null : i % 2));
          const inserted = await bulkInsert<'script_usage', { event_id: string }>(database.db, USAGE, rows);
          expect(inserted.map((r) => r.event_id).sort()).toEqual(rows.map((r) => r.event_id).sort());
          const stored = await database.db.selectFrom('script_usage').selectAll().orderBy('script_version').execute();
          expect(stored.map((r) => ({ ...r, script_version: Number(r.script_version) }))).toEqual(rows);

          // Again with one new row among them: only the new one is reported, nothing is changed.
          const again = await bulkInsert<'script_usage', { event_id: string }>(database.db, USAGE, [
            ...rows,
            row(99, 'new', 1),
          ]);
          expect(again).toEqual([{ event_id: 'e-99' }]);
          expect(await database.db.selectFrom('script_usage').select('event_id').execute()).toHaveLength(13);
        } finally {
          await database.close();
        }
      });
      expect(run.skipped).toBeUndefined();
    });
  });
}

// Only PostgreSQL reads columns as typed arrays; SQLite stores what it is given.
describe.skipIf(skipPostgres)('bulk inserts on postgres, declared wrong', () => {
  it('names an integer column left out of the declaration instead of storing text', async () => {
    const run = await withTestDatabase('postgres', async (testDb) => {
      const database = await openDatabase(testDb.url);
      try {
        const undeclared = { ...USAGE, integers: ['edited'] as const };
        await expect(bulkInsert(database.db, undeclared, [row(1, 'x', 1)])).rejects.toThrow(/script_version/);
      } finally {
        await database.close();
      }
    });
    expect(run.skipped).toBeUndefined();
  });
});
