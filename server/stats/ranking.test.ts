import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskLensEventInput } from '../../lib/schema/events';
import type { Ranking } from '../../lib/schema/quality';
import type { ScoreDetail } from '../../lib/schema/stats';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from '../testing';

const skipPostgres = await postgresUnavailableReason();

const scores = (csats: number[]): DeskLensEventInput[] =>
  csats.map((csat, i) => ({
    type: 'feedback',
    id: randomUUID(),
    occurredAt: new Date(Date.UTC(2026, 10, 10, 9) + i * 60_000).toISOString(),
    helpdesk: 'zendesk',
    ticketId: `RK-${randomUUID().slice(0, 8)}`,
    customer: {},
    csat,
  }));

const PERIOD = 'from=2026-11-01T00:00:00Z&to=2026-11-30T00:00:00Z';

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`agent and team ranking and score drill-down on ${kind}`, () => {
    let t: TestApp;
    const token = {} as Record<'lee' | 'lin' | 'admin' | 'bo', string>;
    const call = async (who: keyof typeof token | 'ada', method: string, path: string, body?: unknown) => {
      const response = await t.app.request(path, {
        method,
        headers: {
          authorization: `Bearer ${who === 'ada' ? t.demo.agentToken : token[who]}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: response.status, body: await response.json() };
    };

    beforeAll(async () => {
      t = await createTestApp(kind);
      for (const who of ['lee', 'lin', 'admin', 'bo'] as const)
        token[who] = await tokenForUser(t.database.db, `${who}@acme.test`);
      // Ada (Tier 1): 10 of 10 satisfied. Bo (Tier 2): 17 of 20 (85%). Lin (Tier 2's lead) answers 4, 3 satisfied: Tier 2 has 20 of 24 (83%).
      await call('ada', 'POST', '/api/v1/events', { events: scores([5, 5, 5, 5, 5, 4, 4, 4, 4, 4]) });
      await call('bo', 'POST', '/api/v1/events', { events: scores([...Array(17).fill(5), 2, 2, 1]) });
      await call('lin', 'POST', '/api/v1/events', { events: scores([4, 4, 5, 1]) });
    }, 120_000);
    afterAll(async () => {
      await t?.close();
    });

    it('ranks agents and teams best first with their band and n, from the default 90% / 10-point bands', async () => {
      const ranking = (await call('admin', 'GET', `/api/v1/stats/ranking?${PERIOD}`)).body as Ranking;
      expect(ranking.bands).toEqual({ greenAtLeast: 90, yellowPoints: 10 });
      expect(ranking.agents.map((a) => [a.id, a.rank, a.band, a.csat, a.smallSample])).toEqual([
        ['user_demo_ada', 1, 'green', { value: 100, n: 10 }, false],
        ['user_demo_bo', 2, 'yellow', { value: 85, n: 20 }, false],
        ['user_demo_lin', 3, 'red', { value: 75, n: 4 }, true],
      ]);
      expect(ranking.teams.map((team) => [team.id, team.band, team.csat.n])).toEqual([
        ['team_demo_tier1', 'green', 10],
        ['team_demo_tier2', 'yellow', 24],
      ]);
      expect(ranking.agents[0]?.label).toBe('Ada Agent');
    });

    it('uses the bands the admin sets', async () => {
      const set = await call('admin', 'PATCH', '/api/v1/quality-settings', {
        bands: { greenAtLeast: 95, yellowPoints: 5 },
      });
      expect(set.status).toBe(200);
      const ranking = (await call('admin', 'GET', `/api/v1/stats/ranking?${PERIOD}`)).body as Ranking;
      expect(ranking.agents.map((a) => a.band)).toEqual(['green', 'red', 'red']);
      const bad = await call('admin', 'PATCH', '/api/v1/quality-settings', { bands: { greenAtLeast: 120 } });
      expect(bad.status).toBe(400);
      expect((bad.body.error.issues as { path: string }[]).map((i) => i.path).sort()).toEqual([
        'bands.greenAtLeast',
        'bands.yellowPoints',
      ]);
      await call('admin', 'PATCH', '/api/v1/quality-settings', { bands: { greenAtLeast: 90, yellowPoints: 10 } });
    });

    it('drills down to single scores, newest first, a page at a time, within the caller’s teams', async () => {
      const lin = await call('lin', 'GET', `/api/v1/stats/scores?${PERIOD}&limit=10`);
      expect(lin.status).toBe(200);
      const page = lin.body.scores as ScoreDetail[];
      expect(page).toHaveLength(10);
      expect(new Set(page.map((score) => score.teamId))).toEqual(new Set(['team_demo_tier2']));
      const times = page.map((score) => score.occurredAt);
      expect([...times].sort().reverse()).toEqual(times);
      let all = [...page];
      for (let cursor = lin.body.next as string | null; cursor; ) {
        const more = await call('lin', 'GET', `/api/v1/stats/scores?${PERIOD}&limit=10&cursor=${cursor}`);
        all = [...all, ...(more.body.scores as ScoreDetail[])];
        cursor = more.body.next;
      }
      expect(all).toHaveLength(24);
      expect(new Set(all.map((score) => score.agent.name))).toEqual(new Set(['Bo Agent', 'Lin Lead']));

      const ada = await call('ada', 'GET', `/api/v1/stats/scores?${PERIOD}`);
      expect((ada.body.scores as ScoreDetail[]).every((score) => score.agent.id === 'user_demo_ada')).toBe(true);
      expect(ada.body.scores).toHaveLength(10);
      const ticket = (ada.body.scores as ScoreDetail[])[0]?.ticketId ?? '';
      const one = await call('lee', 'GET', `/api/v1/stats/scores?${PERIOD}&ticketId=${ticket}`);
      expect(one.body.scores).toHaveLength(1);
      expect(one.body.scores[0]).toMatchObject({ ticketId: ticket, helpdesk: 'zendesk', round: 'initial' });
      expect((await call('lin', 'GET', `/api/v1/stats/scores?${PERIOD}&teamId=team_demo_tier1`)).status).toBe(403);
      const bad = await call('lee', 'GET', '/api/v1/stats/scores?from=2026-11-30T00:00:00Z&to=2026-11-01T00:00:00Z');
      expect(bad.status).toBe(400);
      expect(bad.body.error.issues[0].path).toBe('to');
    });

    it('shows a lead only the agents and teams they lead, and agents no ranking', async () => {
      const lin = (await call('lin', 'GET', `/api/v1/stats/ranking?${PERIOD}`)).body as Ranking;
      expect(lin.agents.map((a) => a.id)).toEqual(['user_demo_bo', 'user_demo_lin']);
      expect(lin.teams.map((team) => team.id)).toEqual(['team_demo_tier2']);
      expect((await call('lin', 'GET', `/api/v1/stats/ranking?${PERIOD}&teamId=team_demo_tier1`)).status).toBe(403);
      expect((await call('ada', 'GET', `/api/v1/stats/ranking?${PERIOD}`)).status).toBe(403);
    });
  });
}
