import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slaOutcomes } from '../../lib/background/sla-outcomes';
import { computeInsights } from '../../lib/insights';
import type { DeskLensEventInput, SatisfactionDimension } from '../../lib/schema/events';
import { SlaPolicy } from '../../lib/schema/sla';
import type { SatisfactionStats, ScriptStats, ServiceStats } from '../../lib/schema/stats';
import { TicketContext, type TicketStatus } from '../../lib/schema/ticket';
import { csat, dimensionAverages, nps, percentile } from '../../lib/stats';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from '../testing';

const skipPostgres = await postgresUnavailableReason();

/** Deterministic pseudo-random numbers, so a failure reproduces. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const DIMS: SatisfactionDimension[] = ['product_quality', 'response_speed', 'after_sales_support'];
const FROM = '2026-11-01T00:00:00.000Z';
const TO = '2026-12-01T00:00:00.000Z';

interface Sent {
  agent: string;
  ticketId: string;
  round: 'initial' | 'follow_up';
  at: string;
  id: string;
  csat: number;
  nps?: number;
  dimensions?: Partial<Record<SatisfactionDimension, number>>;
  retracted: boolean;
}

/** Scores with replacements, retractions and follow-ups, for one agent. */
function scores(agent: string, seed: number, count: number): Sent[] {
  const next = random(seed);
  const out: Sent[] = [];
  for (let i = 0; i < count; i++) {
    const ticketId = `${agent}-T${Math.floor(next() * (count / 2))}`;
    const at = new Date(Date.parse(FROM) + Math.floor(next() * 29 * 86_400_000)).toISOString();
    const dimensions: Partial<Record<SatisfactionDimension, number>> = {};
    for (const d of DIMS) if (next() < 0.6) dimensions[d] = 1 + Math.floor(next() * 5);
    out.push({
      agent,
      ticketId,
      round: next() < 0.15 ? 'follow_up' : 'initial',
      at,
      id: randomUUID(),
      csat: 1 + Math.floor(next() * 5),
      ...(next() < 0.7 ? { nps: Math.floor(next() * 11) } : {}),
      ...(Object.keys(dimensions).length ? { dimensions } : {}),
      retracted: next() < 0.05,
    });
  }
  return out;
}

/** The scores stats must count, decided here independently of the server: the newest per agent, ticket and round. */
function counted(sent: Sent[], round: 'initial' | 'follow_up'): Sent[] {
  const newest = new Map<string, Sent>();
  for (const s of sent) {
    const key = `${s.agent}|${s.ticketId}|${s.round}`;
    const current = newest.get(key);
    if (!current || s.at > current.at || (s.at === current.at && s.id > current.id)) newest.set(key, s);
  }
  return [...newest.values()].filter((s) => !s.retracted && s.round === round);
}

const toEvent = (s: Sent): DeskLensEventInput => ({
  type: 'feedback',
  id: s.id,
  occurredAt: s.at,
  helpdesk: 'zendesk',
  ticketId: s.ticketId,
  customer: {},
  csat: s.csat,
  round: s.round,
  retracted: s.retracted,
  ...(s.nps !== undefined ? { nps: s.nps } : {}),
  ...(s.dimensions ? { dimensions: s.dimensions } : {}),
});

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`stats on ${kind}`, () => {
    let t: TestApp;
    const tokens: Record<string, string> = {};
    const ada = scores('user_demo_ada', 7, 240);
    const bo = scores('user_demo_bo', 11, 160);

    const post = async (token: string, events: DeskLensEventInput[]) => {
      for (let i = 0; i < events.length; i += 200) {
        const response = await t.app.request('/api/v1/events', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events: events.slice(i, i + 200) }),
        });
        expect(response.status).toBe(200);
      }
    };
    const get = (who: string, path: string, query: Record<string, string>) =>
      t.app.request(`/api/v1/stats/${path}?${new URLSearchParams({ from: FROM, to: TO, ...query })}`, {
        headers: { authorization: `Bearer ${tokens[who]}` },
      });

    beforeAll(async () => {
      // The scores fall in November and early December 2026; the server reads them as it would in January 2027.
      t = await createTestApp(kind, { now: () => Date.parse('2027-01-01T00:00:00Z') });
      for (const email of ['ada', 'bo', 'lee', 'lin', 'tara', 'admin'])
        tokens[email] = await tokenForUser(t.database.db, `${email}@acme.test`);
      // Sent in shuffled order, so replacements often arrive before the scores they replace.
      const shuffle = random(3);
      await post(tokens.ada ?? '', [...ada].sort(() => shuffle() - 0.5).map(toEvent));
      await post(tokens.bo ?? '', bo.map(toEvent));
    });
    afterAll(async () => {
      await t?.close();
    });

    it('gives a lead their team’s CSAT, NPS and dimension averages, each with n, from counted scores only', async () => {
      const response = await get('lee', 'satisfaction', { teamId: t.demo.teamId });
      expect(response.status).toBe(200);
      const stats = (await response.json()) as SatisfactionStats;
      const expected = counted(ada, 'initial');
      expect(stats.total.n).toBe(expected.length);
      expect(stats.total.csat).toEqual(csat(expected.map((s) => s.csat)));
      expect(stats.total.nps).toEqual(nps(expected.flatMap((s) => (s.nps === undefined ? [] : [s.nps]))));
      const dims = dimensionAverages(expected.map((s) => s.dimensions ?? {}));
      for (const d of DIMS) {
        expect(stats.total.dimensions[d]?.n).toBe(dims[d]?.n);
        expect(stats.total.dimensions[d]?.value).toBeCloseTo(dims[d]?.value ?? Number.NaN, 9);
      }
      expect(stats.total.dimensions.value_for_money).toEqual({ value: null, n: 0 });
    });

    it('keeps the follow-up round apart', async () => {
      const stats = (await (await get('lee', 'satisfaction', { round: 'follow_up' })).json()) as SatisfactionStats;
      const expected = counted(ada, 'follow_up');
      expect(stats.total.csat).toEqual(csat(expected.map((s) => s.csat)));
    });

    it('groups by agent for an admin across teams, and by local week and day', async () => {
      const byAgent = (await (await get('admin', 'satisfaction', { groupBy: 'agent' })).json()) as SatisfactionStats;
      expect(byAgent.groups.map((g) => [g.key, g.label, g.n])).toEqual([
        ['user_demo_ada', 'Ada Agent', counted(ada, 'initial').length],
        ['user_demo_bo', 'Bo Agent', counted(bo, 'initial').length],
      ]);
      const tz = 'Asia/Shanghai';
      const byDay = (await (await get('lee', 'satisfaction', { groupBy: 'day', tz })).json()) as SatisfactionStats;
      const localDay = new Intl.DateTimeFormat('en-CA', {
        timeZone: tz,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
      const expectedDays = new Map<string, number[]>();
      for (const s of counted(ada, 'initial')) {
        const day = localDay.format(new Date(s.at));
        expectedDays.set(day, [...(expectedDays.get(day) ?? []), s.csat]);
      }
      expect(byDay.groups.filter((g) => g.n > 0).map((g) => g.key)).toEqual([...expectedDays.keys()].sort());
      for (const group of byDay.groups) expect(group.csat).toEqual(csat(expectedDays.get(group.key) ?? []));
      // Every local day of the period is there, empty ones with n = 0: 1 Nov 08:00 to 1 Dec 08:00 in Shanghai.
      expect(byDay.groups.map((g) => g.key)).toEqual(
        Array.from({ length: 31 }, (_, i) => new Date(Date.UTC(2026, 10, 1 + i)).toISOString().slice(0, 10)),
      );
      const byWeek = (await (await get('lee', 'satisfaction', { groupBy: 'week', tz })).json()) as SatisfactionStats;
      expect(byWeek.groups.reduce((sum, g) => sum + g.n, 0)).toBe(byDay.total.n);
      expect(byWeek.groups[0]?.key).toMatch(/^2026-W\d\d$/);
    });

    it('folds quarter-hour zones correctly (Asia/Kolkata is UTC+5:30)', async () => {
      const stats = (await (
        await get('lee', 'satisfaction', { groupBy: 'day', tz: 'Asia/Kolkata' })
      ).json()) as SatisfactionStats;
      const localDay = new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Asia/Kolkata',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
      const expected = new Map<string, number>();
      for (const s of counted(ada, 'initial')) {
        const day = localDay.format(new Date(s.at));
        expected.set(day, (expected.get(day) ?? 0) + 1);
      }
      expect(Object.fromEntries(stats.groups.filter((g) => g.n > 0).map((g) => [g.key, g.n]))).toEqual(
        Object.fromEntries(expected),
      );
    });

    it('groups by dimension with each dimension’s own n', async () => {
      const stats = (await (await get('tara', 'satisfaction', { groupBy: 'dimension' })).json()) as SatisfactionStats;
      const all = [...counted(ada, 'initial'), ...counted(bo, 'initial')];
      const raters = all.filter((s) => s.dimensions?.after_sales_support !== undefined);
      const group = stats.groups.find((g) => g.key === 'after_sales_support');
      expect(group?.n).toBe(raters.length);
      expect(group?.csat).toEqual(csat(raters.map((s) => s.csat)));
    });

    it('refuses a lead another team, an agent another agent, and names unknown teams', async () => {
      expect((await get('lee', 'satisfaction', { teamId: t.demo.otherTeamId })).status).toBe(403);
      expect((await get('bo', 'satisfaction', { agentId: 'user_demo_ada' })).status).toBe(403);
      expect((await get('admin', 'satisfaction', { teamId: 'team_nope' })).status).toBe(404);
      // An agent sees their own figures only, whatever else exists.
      const own = (await (await get('bo', 'satisfaction', {})).json()) as SatisfactionStats;
      expect(own.total.n).toBe(counted(bo, 'initial').length);
      // A lead with no team filter gets the teams they lead, not the organisation.
      const lin = (await (await get('lin', 'satisfaction', {})).json()) as SatisfactionStats;
      expect(lin.total.n).toBe(counted(bo, 'initial').length);
      expect((await t.app.request(`/api/v1/stats/satisfaction?from=${FROM}&to=${TO}`)).status).toBe(401);
    });

    it('gives n = 0 and null values for an empty period, never NaN or 0', async () => {
      const stats = (await (
        await get('lee', 'satisfaction', { from: '2020-01-01T00:00:00Z', to: '2020-02-01T00:00:00Z' })
      ).json()) as SatisfactionStats;
      expect(stats.total).toMatchObject({ n: 0, csat: { value: null, n: 0 }, nps: { value: null, n: 0 } });
      expect(stats.weakestDimension).toBeNull();
    });

    it('answers 400 naming each bad parameter', async () => {
      const bad = await get('lee', 'satisfaction', { from: TO, to: FROM, groupBy: 'planet', tz: 'Mars/Olympus' });
      expect(bad.status).toBe(400);
      const paths = ((await bad.json()) as { error: { issues: { path: string }[] } }).error.issues.map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['groupBy', 'tz']));
      const reversed = await get('lee', 'satisfaction', { from: TO, to: FROM });
      expect(JSON.stringify(await reversed.json())).toContain('`to` must be after `from`');
      const long = await get('lee', 'satisfaction', { from: '2024-01-01T00:00:00Z', to: TO });
      expect(long.status).toBe(400);
    });

    it('exports the same figures as CSV, formula-safe, with a BOM on request', async () => {
      const json = (await (await get('admin', 'satisfaction', { groupBy: 'agent' })).json()) as SatisfactionStats;
      const response = await get('admin', 'satisfaction', { groupBy: 'agent', format: 'csv', bom: 'true' });
      expect(response.headers.get('content-type')).toContain('text/csv');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parse(new TextDecoder().decode(bytes), { columns: true }) as Record<string, string>[];
      expect(rows.map((r) => [r.group, Number(r.n), Number(r.csat_n)])).toEqual([
        ['(total)', json.total.n, json.total.csat.n],
        ...json.groups.map((g) => [g.key, g.n, g.csat.n]),
      ]);
      expect(Number(rows[1]?.csat)).toBeCloseTo(json.groups[0]?.csat.value ?? Number.NaN, 3);
    });

    it('computes SLA attainment per ticket and metric, and first-reply median / p90 from fulfilled targets', async () => {
      const next = random(5);
      const events: DeskLensEventInput[] = [];
      const firstReplies: number[] = [];
      let targets = 0;
      let breached = 0;
      for (let i = 0; i < 60; i++) {
        const ticketId = `S-${i}`;
        const at = new Date(Date.parse(FROM) + i * 3_600_000).toISOString();
        const elapsedMs = Math.floor(next() * 4 * 3_600_000);
        const late = elapsedMs > 3 * 3_600_000;
        if (late) {
          // Reported breached while running, then fulfilled late: one breached target, not two.
          events.push({
            type: 'sla',
            id: randomUUID(),
            occurredAt: at,
            helpdesk: 'zendesk',
            ticketId,
            metric: 'first_reply_time',
            state: 'breached',
          });
        }
        events.push({
          type: 'sla',
          id: randomUUID(),
          occurredAt: at,
          helpdesk: 'zendesk',
          ticketId,
          metric: 'first_reply_time',
          state: 'fulfilled',
          breached: late,
          elapsedMs,
        });
        firstReplies.push(elapsedMs);
        targets += 1;
        breached += late ? 1 : 0;
        if (i % 3 === 0) {
          events.push({
            type: 'sla',
            id: randomUUID(),
            occurredAt: at,
            helpdesk: 'zendesk',
            ticketId,
            metric: 'resolution_time',
            state: 'breached',
          });
          targets += 1;
          breached += 1;
        }
      }
      await post(tokens.ada ?? '', events);
      const stats = (await (await get('lee', 'service', {})).json()) as ServiceStats;
      expect(stats.total.slaAttainment).toEqual({ value: (100 * (targets - breached)) / targets, n: targets });
      expect(stats.total.breaches).toBe(breached);
      expect(stats.total.firstReplyMedianMs).toEqual(percentile(firstReplies, 0.5));
      expect(stats.total.firstReplyP90Ms.value).toBeCloseTo(percentile(firstReplies, 0.9).value ?? Number.NaN, 6);
      const lin = (await (await get('lin', 'service', {})).json()) as ServiceStats;
      expect(lin.total.slaAttainment).toEqual({ value: null, n: 0 });
    });

    it('counts every cycle of a reopened ticket in a lead’s SLA attainment, as the extension reports them', async () => {
      // The extension's own path: the engine's clocks → per-cycle outcome events → POST /events → stats.
      const MIN = 60_000;
      const created = Date.parse('2026-12-07T09:00:00Z');
      const at = (minutes: number) => new Date(created + minutes * MIN).toISOString();
      const policies = [
        SlaPolicy.parse({
          id: 'replies',
          title: 'Replies',
          targets: [{ metric: 'next_reply_time', priority: 'normal', targetMinutes: 60 }],
        }),
      ];
      const ticket = (comments: [number, 'customer' | 'agent'][], statuses: [number, TicketStatus][]) =>
        TicketContext.parse({
          helpdesk: 'zendesk',
          ticketId: 'R-19',
          url: 'https://acme.zendesk.com/agent/tickets/19',
          priority: 'normal',
          createdAt: at(0),
          comments: comments.map(([minute, authorRole]) => ({ authorRole, at: at(minute) })),
          statusHistory: statuses.map(([minute, status]) => ({ status, at: at(minute) })),
        });
      const seen = (t: TicketContext, minute: number) =>
        slaOutcomes(
          t,
          computeInsights(t, { catalog: [], policies, now: created + minute * MIN }).sla,
          created + minute * MIN,
        );
      // Answered in time and solved; the customer writes again and the ticket reopens; answered two hours later.
      const firstLife: [number, 'customer' | 'agent'][] = [
        [0, 'customer'],
        [5, 'agent'],
        [20, 'customer'],
        [40, 'agent'],
      ];
      const solved = ticket(firstLife, [
        [0, 'open'],
        [40, 'solved'],
      ]);
      const reopened = ticket(
        [...firstLife, [300, 'customer']],
        [
          [0, 'open'],
          [40, 'solved'],
          [300, 'open'],
        ],
      );
      const answeredLate = ticket(
        [...firstLife, [300, 'customer'], [420, 'agent']],
        [
          [0, 'open'],
          [40, 'solved'],
          [300, 'open'],
          [420, 'solved'],
        ],
      );
      // What three looks at the ticket report (the same outcome twice is one event: same id).
      const events = [...seen(solved, 45), ...seen(reopened, 380), ...seen(answeredLate, 425)];
      expect(events.map((e) => [e.cycle, e.state, e.breached ?? true])).toEqual([
        [1, 'fulfilled', false],
        [1, 'fulfilled', false],
        [2, 'breached', true],
        [1, 'fulfilled', false],
        [2, 'fulfilled', true],
      ]);
      await post(tokens.ada ?? '', events);
      const december = { from: '2026-12-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' };
      const stats = (await (await get('lee', 'service', december)).json()) as ServiceStats;
      // Two targets (the solved cycle met, the reopened one breached): 50%, not the 0% of one target per ticket.
      expect(stats.total.slaAttainment).toEqual({ value: 50, n: 2 });
      expect(stats.total.breaches).toBe(1);
    });

    it('relates scripts to the CSAT of the tickets they were used on', async () => {
      const used = ['U-1', 'U-2', 'U-3'];
      const events: DeskLensEventInput[] = [];
      used.forEach((ticketId, i) => {
        const at = new Date(Date.parse(FROM) + i * 1000).toISOString();
        events.push({
          type: 'script_usage',
          id: randomUUID(),
          occurredAt: at,
          helpdesk: 'zendesk',
          ticketId,
          scriptId: 'apology',
          scriptVersion: 2,
          action: 'inserted',
          editedBeforeSend: i === 0,
        });
        events.push({
          type: 'feedback',
          id: randomUUID(),
          occurredAt: at,
          helpdesk: 'zendesk',
          ticketId,
          customer: {},
          csat: i === 2 ? 2 : 5,
        });
      });
      events.push({
        type: 'script_usage',
        id: randomUUID(),
        occurredAt: FROM,
        helpdesk: 'zendesk',
        ticketId: 'U-1',
        scriptId: 'apology',
        scriptVersion: 2,
        action: 'rated_up',
      });
      await post(tokens.ada ?? '', events);
      const stats = (await (await get('tara', 'scripts', {})).json()) as ScriptStats;
      const apology = stats.scripts.find((s) => s.scriptId === 'apology' && s.scriptVersion === 2);
      expect(apology).toMatchObject({ inserted: 3, ratedUp: 1, edited: { n: 3 } });
      expect(apology?.csatWhenUsed).toEqual({ value: (100 * 2) / 3, n: 3 });
      const withoutScripts = [...counted(ada, 'initial'), ...counted(bo, 'initial')];
      expect(stats.csatWithoutScripts).toEqual(csat(withoutScripts.map((s) => s.csat)));
    });
  });
}
