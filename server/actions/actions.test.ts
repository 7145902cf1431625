import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeforeAfter, ImprovementAction } from '../../lib/schema/actions';
import type { DeskLensEventInput } from '../../lib/schema/events';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from '../testing';

const skipPostgres = await postgresUnavailableReason();
const DAY = 86_400_000;

/** One score per customer at one instant. */
const scoresAt = (at: Date, byCustomer: [string, number][]): DeskLensEventInput[] =>
  byCustomer.map(([customer, csat], i) => ({
    type: 'feedback',
    id: randomUUID(),
    occurredAt: new Date(at.getTime() + i * 60_000).toISOString(),
    helpdesk: 'zendesk',
    ticketId: `BA-${randomUUID().slice(0, 8)}`,
    customer: { email: `${customer}@example.com` },
    csat,
  }));

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`improvement actions on ${kind}`, () => {
    let t: TestApp;
    const token = {} as Record<'lee' | 'lin' | 'admin' | 'tara', string>;
    const call = async (who: keyof typeof token | 'ada', method: string, path: string, body?: unknown) => {
      const response = await t.app.request(path, {
        method,
        headers: {
          authorization: `Bearer ${who === 'ada' ? t.demo.agentToken : token[who]}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    };
    const tier1Action = (overrides: Record<string, unknown> = {}) => ({
      problem: {
        metric: 'csat',
        dimension: 'response_speed',
        scopeType: 'team',
        scopeId: t.demo.teamId,
        description: 'Response speed 2.8 / 5; CSAT 81%',
      },
      action: 'First reply within 30 minutes on every ticket',
      ownerId: 'user_demo_lee',
      plannedDate: '2026-12-01',
      ...overrides,
    });

    beforeAll(async () => {
      t = await createTestApp(kind);
      for (const who of ['lee', 'lin', 'admin', 'tara'] as const)
        token[who] = await tokenForUser(t.database.db, `${who}@acme.test`);
    }, 120_000);
    afterAll(async () => {
      await t?.close();
    });

    it('opens an action with one owner, due after the organisation’s due time, audit-logged', async () => {
      const created = await call('lee', 'POST', '/api/v1/actions', tier1Action());
      expect(created.status).toBe(201);
      const action = created.body as ImprovementAction;
      expect(action).toMatchObject({
        teamId: t.demo.teamId,
        status: 'open',
        overdue: false,
        owner: { id: 'user_demo_lee', name: 'Lee Lead' },
        problem: { metric: 'csat', dimension: 'response_speed', scopeType: 'team', scopeId: t.demo.teamId },
        evidence: { text: '', links: [] },
      });
      const dueIn = Date.parse(action.dueAt) - Date.parse(action.createdAt);
      expect(dueIn).toBe(72 * 3_600_000);
      const audit = await call('admin', 'GET', `/api/v1/audit?targetId=${action.id}`);
      expect(audit.body.entries[0]).toMatchObject({ action: 'improvement_action.create', actorId: 'user_demo_lee' });

      // The organisation's due time is the admin's to change.
      expect((await call('lee', 'PATCH', '/api/v1/quality-settings', { actionDueHours: 24 })).status).toBe(403);
      const settings = await call('admin', 'PATCH', '/api/v1/quality-settings', { actionDueHours: 24 });
      expect(settings.body.actionDueHours).toBe(24);
      const sooner = (await call('lee', 'POST', '/api/v1/actions', tier1Action())).body as ImprovementAction;
      expect(Date.parse(sooner.dueAt) - Date.parse(sooner.createdAt)).toBe(24 * 3_600_000);
      await call('admin', 'PATCH', '/api/v1/quality-settings', { actionDueHours: 72 });
    });

    it('refuses bad input by name and writes nothing', async () => {
      const before = (await call('admin', 'GET', '/api/v1/actions')).body.actions.length;
      const bad = await call('lee', 'POST', '/api/v1/actions', {
        problem: { metric: 'speed', scopeType: 'team', description: '' },
        action: '',
        status: 'finished',
        plannedDate: '1 December',
        evidence: { links: ['javascript:alert(1)'] },
      });
      expect(bad.status).toBe(400);
      const paths = (bad.body.error.issues as { path: string }[]).map((issue) => issue.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          'problem.metric',
          'problem.description',
          'action',
          'ownerId',
          'status',
          'plannedDate',
          'evidence.links.0',
        ]),
      );
      // The scope is checked once the problem's fields are themselves valid.
      const unscoped = await call('lee', 'POST', '/api/v1/actions', {
        ...tier1Action(),
        problem: { metric: 'csat', scopeType: 'team', description: 'CSAT 81%' },
      });
      expect(unscoped.body.error.issues).toEqual([{ path: 'problem.scopeId', message: 'A team problem names its id' }]);
      const stranger = await call('lee', 'POST', '/api/v1/actions', tier1Action({ ownerId: 'user_nobody' }));
      expect(stranger.status).toBe(404);
      expect(stranger.body.error.issues[0].path).toBe('ownerId');
      const empty = await call('admin', 'PATCH', `/api/v1/actions/action_none`, {});
      expect(empty.status).toBe(400);
      expect((await call('admin', 'GET', '/api/v1/actions')).body.actions.length).toBe(before);
    });

    it('keeps a lead to the teams they lead', async () => {
      expect((await call('lin', 'POST', '/api/v1/actions', tier1Action())).status).toBe(403);
      expect((await call('tara', 'POST', '/api/v1/actions', tier1Action())).status).toBe(403);
      const action = (await call('lee', 'POST', '/api/v1/actions', tier1Action())).body as ImprovementAction;
      expect((await call('lin', 'GET', `/api/v1/actions/${action.id}`)).status).toBe(403);
      expect((await call('lin', 'PATCH', `/api/v1/actions/${action.id}`, { status: 'done' })).status).toBe(403);
      expect((await call('lin', 'GET', `/api/v1/actions/${action.id}/before-after`)).status).toBe(403);
      const linList = (await call('lin', 'GET', '/api/v1/actions')).body.actions as ImprovementAction[];
      expect(linList.some((a) => a.teamId === t.demo.teamId)).toBe(false);
      expect((await call('tara', 'GET', `/api/v1/actions/${action.id}`)).status).toBe(200);
    });

    it('flags overdue actions until they are done, with status and evidence audit-logged', async () => {
      const late = (
        await call(
          'lee',
          'POST',
          '/api/v1/actions',
          tier1Action({ dueAt: new Date(Date.now() - 3_600_000).toISOString() }),
        )
      ).body as ImprovementAction;
      expect(late.overdue).toBe(true);
      const overdue = (await call('lee', 'GET', '/api/v1/actions?overdue=true')).body.actions as ImprovementAction[];
      expect(overdue.map((a) => a.id)).toContain(late.id);
      expect(overdue.every((a) => a.overdue)).toBe(true);
      const done = await call('lee', 'PATCH', `/api/v1/actions/${late.id}`, {
        status: 'done',
        actualDate: '2026-11-20',
        evidence: { text: 'Rota changed; first replies now checked hourly', links: ['https://wiki.acme.test/rota'] },
      });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({
        status: 'done',
        overdue: false,
        actualDate: '2026-11-20',
        evidence: { links: ['https://wiki.acme.test/rota'] },
      });
      const notOverdue = (await call('lee', 'GET', '/api/v1/actions?overdue=false')).body
        .actions as ImprovementAction[];
      expect(notOverdue.map((a) => a.id)).toContain(late.id);
      const audit = await call('admin', 'GET', `/api/v1/audit?targetId=${late.id}`);
      expect(audit.body.entries[0]).toMatchObject({
        action: 'improvement_action.update',
        details: { patch: { status: 'done' } },
      });
    });

    it('compares the metric before and after the action, with n on both sides and for the same customers', async () => {
      const pivotDay = new Date(Date.now() - 10 * DAY).toISOString().slice(0, 10);
      const pivot = new Date(`${pivotDay}T00:00:00Z`);
      const before = scoresAt(new Date(pivot.getTime() - 3 * DAY), [
        ['ann', 2],
        ['ben', 2],
        ['cai', 5],
        ['dee', 1],
        ['xia', 5],
      ]);
      const after = scoresAt(new Date(pivot.getTime() + 2 * DAY), [
        ['ann', 5],
        ['ben', 4],
        ['cai', 2],
        ['yan', 1],
      ]);
      expect((await call('ada', 'POST', '/api/v1/events', { events: [...before, ...after] })).status).toBe(200);
      const action = (await call('lee', 'POST', '/api/v1/actions', tier1Action({ actualDate: pivotDay })))
        .body as ImprovementAction;

      const result = await call('lee', 'GET', `/api/v1/actions/${action.id}/before-after?windowDays=7`);
      expect(result.status).toBe(200);
      const figures = result.body as BeforeAfter;
      expect(figures).toMatchObject({
        metric: 'csat',
        pivot: pivot.toISOString(),
        windowDays: 7,
        afterComplete: true,
        before: { figure: { value: 40, n: 5 } },
        after: { figure: { value: 50, n: 4 } },
      });
      expect(figures.change).toBeCloseTo(10);
      expect(figures.sameCustomers?.customers).toBe(3);
      expect(figures.sameCustomers?.before).toEqual({ value: 100 / 3, n: 3 });
      expect(figures.sameCustomers?.after).toEqual({ value: 200 / 3, n: 3 });

      const undated = (
        await call('lee', 'POST', '/api/v1/actions', tier1Action({ plannedDate: null, actualDate: null }))
      ).body as ImprovementAction;
      const pending = (await call('lee', 'GET', `/api/v1/actions/${undated.id}/before-after`)).body as BeforeAfter;
      expect(pending).toMatchObject({ pivot: null, before: null, after: null, change: null });
      const badWindow = await call('lee', 'GET', `/api/v1/actions/${action.id}/before-after?windowDays=0`);
      expect(badWindow.status).toBe(400);
      expect(badWindow.body.error.issues[0].path).toBe('windowDays');
    });
  });
}
