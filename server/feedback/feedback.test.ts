import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskLensEventInput } from '../../lib/schema/events';
import type { ScoredTicket } from '../../lib/schema/feedback';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from '../testing';

const skipPostgres = await postgresUnavailableReason();
const FROM = '2026-11-01T00:00:00.000Z';
const TO = '2026-12-01T00:00:00.000Z';

const scoreEvent = (ticketId: string, at: string, fields: Partial<DeskLensEventInput> = {}): DeskLensEventInput =>
  ({
    type: 'feedback',
    id: randomUUID(),
    occurredAt: at,
    helpdesk: 'zendesk',
    ticketId,
    customer: {},
    csat: 4,
    ...fields,
  }) as DeskLensEventInput;

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`scored tickets (drill-down) on ${kind}`, () => {
    let t: TestApp;
    const tokens: Record<string, string> = {};
    const list = (who: string, query: Record<string, string> = {}) =>
      t.app.request(`/api/v1/feedback?${new URLSearchParams({ from: FROM, to: TO, ...query })}`, {
        headers: { authorization: `Bearer ${tokens[who]}` },
      });
    const post = async (who: string, events: DeskLensEventInput[]) => {
      const response = await t.app.request('/api/v1/events', {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      });
      expect(response.status).toBe(200);
    };

    beforeAll(async () => {
      t = await createTestApp(kind);
      for (const name of ['ada', 'bo', 'lee', 'admin'])
        tokens[name] = await tokenForUser(t.database.db, `${name}@acme.test`);
      await post('ada', [
        scoreEvent('T1', '2026-11-10T09:00:00.000Z', {
          csat: 2,
          comment: 'Slow refund',
          dimensions: { after_sales_support: 1 },
        }),
        // A correction replaces the first score; only the newest counts.
        scoreEvent('T1', '2026-11-10T09:05:00.000Z', {
          csat: 3,
          comment: 'Slow refund',
          dimensions: { after_sales_support: 2 },
        }),
        scoreEvent('T2', '2026-11-11T09:00:00.000Z', { csat: 5, nps: 10, complaintGrade: 'normal' }),
        scoreEvent('T3', '2026-11-12T09:00:00.000Z', { csat: 1 }),
        scoreEvent('T3', '2026-11-12T09:01:00.000Z', { csat: 1, retracted: true }),
        scoreEvent('T2', '2026-11-20T09:00:00.000Z', { csat: 5, round: 'follow_up' }),
        scoreEvent('OLD', '2026-10-20T09:00:00.000Z', { csat: 5 }),
      ]);
      await post('bo', [scoreEvent('B1', '2026-11-15T09:00:00.000Z', { csat: 1 })]);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('lists the counted score of each ticket and round, newest first, with the details the stats count', async () => {
      const response = await list('lee');
      expect(response.status).toBe(200);
      const { tickets, next } = (await response.json()) as { tickets: ScoredTicket[]; next: string | null };
      expect(next).toBeNull();
      expect(tickets.map((s) => `${s.ticketId}/${s.round}/${s.csat}`)).toEqual([
        'T2/follow_up/5',
        'T2/initial/5',
        'T1/initial/3',
      ]);
      const t1 = tickets.find((s) => s.ticketId === 'T1');
      expect(t1).toMatchObject({
        agentId: 'user_demo_ada',
        agentName: 'Ada Agent',
        comment: 'Slow refund',
        dimensions: { after_sales_support: 2 },
        nps: null,
      });
      expect(tickets.find((s) => s.round === 'initial' && s.ticketId === 'T2')).toMatchObject({
        nps: 10,
        complaintGrade: 'normal',
      });
    });

    it('one ticket’s scores, and pages that follow on', async () => {
      const one = (await (await list('lee', { ticketId: 'T2', helpdesk: 'zendesk' })).json()) as {
        tickets: ScoredTicket[];
      };
      expect(one.tickets.map((s) => s.round)).toEqual(['follow_up', 'initial']);
      const first = (await (await list('admin', { limit: '2' })).json()) as { tickets: ScoredTicket[]; next: string };
      expect(first.tickets).toHaveLength(2);
      const second = (await (await list('admin', { limit: '2', cursor: first.next })).json()) as {
        tickets: ScoredTicket[];
      };
      expect([...first.tickets, ...second.tickets].map((s) => s.ticketId)).toEqual(['T2', 'B1', 'T2', 'T1']);
    });

    it('keeps to the caller’s access like the figures: a lead sees their teams, an agent their own', async () => {
      expect((await list('lee', { teamId: t.demo.otherTeamId })).status).toBe(403);
      const bo = (await (await list('bo')).json()) as { tickets: ScoredTicket[] };
      expect(bo.tickets.map((s) => s.ticketId)).toEqual(['B1']);
      expect((await list('bo', { agentId: 'user_demo_ada' })).status).toBe(403);
    });

    it('names a bad period', async () => {
      const response = await list('lee', { from: TO, to: FROM });
      expect(response.status).toBe(400);
      expect(JSON.stringify(await response.json())).toContain('`to` must be after `from`');
    });
  });
}
