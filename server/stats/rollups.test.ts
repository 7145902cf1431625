import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskLensEventInput } from '../../lib/schema/events';
import type { SatisfactionStats } from '../../lib/schema/stats';
import { csat, nps } from '../../lib/stats';
import { ROLLUP_KEY, SUM_COLUMN_NAMES } from '../db/rollup-columns';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from '../testing';
import { rebuildRollups } from './rollups';

const skipPostgres = await postgresUnavailableReason();

function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

interface Sent {
  ticketId: string;
  at: string;
  id: string;
  csat: number;
  nps?: number;
  grade?: 'urgent' | 'important' | 'normal';
  tier: string;
  retracted: boolean;
}

/** Three months of scores around month ends, with replacements (same ticket again) and retractions. */
function scores(seed: number, count: number): Sent[] {
  const next = random(seed);
  const start = Date.parse('2026-09-25T00:00:00Z');
  return Array.from({ length: count }, () => ({
    ticketId: `R-${Math.floor(next() * (count / 3))}`,
    at: new Date(start + Math.floor(next() * 70 * 86_400_000)).toISOString(),
    id: randomUUID(),
    csat: 1 + Math.floor(next() * 5),
    ...(next() < 0.6 ? { nps: Math.floor(next() * 11) } : {}),
    ...(next() < 0.8 ? { grade: (['urgent', 'important', 'normal', 'normal'] as const)[Math.floor(next() * 4)] } : {}),
    tier: next() < 0.5 ? 'vip' : 'general',
    retracted: next() < 0.07,
  }));
}

/** Independently of the server: the newest score per ticket counts, unless it is a retraction. */
function counted(sent: Sent[]): Sent[] {
  const newest = new Map<string, Sent>();
  for (const s of sent) {
    const current = newest.get(s.ticketId);
    if (!current || s.at > current.at || (s.at === current.at && s.id > current.id)) newest.set(s.ticketId, s);
  }
  return [...newest.values()].filter((s) => !s.retracted);
}

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`roll-ups on ${kind}`, () => {
    let t: TestApp;
    let token: string;
    const sent = scores(17, 400);

    beforeAll(async () => {
      // The scores run to early December 2026; the server reads them as it would in January 2027.
      t = await createTestApp(kind, { now: () => Date.parse('2027-01-01T00:00:00Z') });
      token = await tokenForUser(t.database.db, 'lee@acme.test');
      const ada = await tokenForUser(t.database.db, 'ada@acme.test');
      const shuffle = random(5);
      const events: DeskLensEventInput[] = [...sent]
        .sort(() => shuffle() - 0.5)
        .map((s) => ({
          type: 'feedback',
          id: s.id,
          occurredAt: s.at,
          helpdesk: 'zendesk',
          ticketId: s.ticketId,
          customer: {},
          csat: s.csat,
          tierId: s.tier,
          retracted: s.retracted,
          ...(s.nps !== undefined ? { nps: s.nps } : {}),
          ...(s.grade ? { complaintGrade: s.grade } : {}),
        }));
      // Small batches, so replacements arrive in later requests as well as in the same one.
      for (let i = 0; i < events.length; i += 37) {
        const response = await t.app.request('/api/v1/events', {
          method: 'POST',
          headers: { authorization: `Bearer ${ada}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events: events.slice(i, i + 37) }),
        });
        expect(response.status).toBe(200);
      }
    });
    afterAll(async () => {
      await t?.close();
    });

    const snapshot = async () => {
      const rows = await t.database.db.selectFrom('feedback_rollups').selectAll().execute();
      return rows
        .map((row) => ({ ...row, ...Object.fromEntries(SUM_COLUMN_NAMES.map((c) => [c, Number(row[c])])) }))
        .filter((row) => Number(row.n) !== 0)
        .map((row) => [...ROLLUP_KEY, ...SUM_COLUMN_NAMES].map((c) => String(row[c])).join('|'))
        .sort();
    };

    it('give the same figures as counting the scores, for periods that cut through days and months', async () => {
      const from = '2026-10-03T05:17:00.000Z';
      const to = '2026-11-28T19:00:00.000Z';
      const response = await t.app.request(
        `/api/v1/stats/satisfaction?${new URLSearchParams({ from, to, groupBy: 'tier' })}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      const stats = (await response.json()) as SatisfactionStats;
      const expected = counted(sent).filter((s) => s.at >= from && s.at < to);
      expect(stats.total.n).toBe(expected.length);
      expect(stats.total.csat).toEqual(csat(expected.map((s) => s.csat)));
      expect(stats.total.nps).toEqual(nps(expected.flatMap((s) => (s.nps === undefined ? [] : [s.nps]))));
      const graded = expected.filter((s) => s.grade);
      const complaints = graded.filter((s) => s.grade !== 'normal').length;
      expect(stats.total.complaints).toEqual({
        rate: { value: (100 * complaints) / graded.length, n: graded.length },
        urgent: graded.filter((s) => s.grade === 'urgent').length,
        important: graded.filter((s) => s.grade === 'important').length,
        normal: graded.filter((s) => s.grade === 'normal').length,
      });
      for (const tier of ['general', 'vip']) {
        const group = stats.groups.find((g) => g.key === tier);
        expect(group?.csat).toEqual(csat(expected.filter((s) => s.tier === tier).map((s) => s.csat)));
      }
    });

    it('fold local weeks in a zone off UTC from roll-ups and raw edges alike', async () => {
      const tz = 'America/New_York';
      const from = '2026-09-28T04:00:00.000Z';
      const to = '2026-11-30T05:00:00.000Z';
      const response = await t.app.request(
        `/api/v1/stats/satisfaction?${new URLSearchParams({ from, to, groupBy: 'week', tz })}`,
        { headers: { authorization: `Bearer ${token}` } },
      );
      const stats = (await response.json()) as SatisfactionStats;
      const expected = counted(sent).filter((s) => s.at >= from && s.at < to);
      expect(stats.groups.reduce((sum, g) => sum + g.n, 0)).toBe(expected.length);
      // Week boundaries are local Mondays at midnight (4:00 or 5:00 UTC across the DST change).
      const weekOf = (at: string) => {
        const local = new Date(Date.parse(at) - (at < '2026-11-01T06:00:00Z' ? 4 : 5) * 3_600_000);
        const monday = new Date(local);
        monday.setUTCDate(local.getUTCDate() - ((local.getUTCDay() + 6) % 7));
        return monday.toISOString().slice(0, 10);
      };
      const perWeek = new Map<string, number[]>();
      for (const s of expected) perWeek.set(weekOf(s.at), [...(perWeek.get(weekOf(s.at)) ?? []), s.csat]);
      const byMonday = [...perWeek.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, list]) => csat(list));
      expect(stats.groups.filter((g) => g.n > 0).map((g) => g.csat)).toEqual(byMonday);
    });

    // Last: it rebuilds the roll-ups, which would hide a wrong increment from the tests above.
    it('kept current by ingest equal roll-ups rebuilt from the counted scores', async () => {
      const incremental = await snapshot();
      expect(incremental.length).toBeGreaterThan(50);
      await rebuildRollups(t.database.db);
      expect(await snapshot()).toEqual(incremental);
    });
  });
}
