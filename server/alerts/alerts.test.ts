import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImprovementAction } from '../../lib/schema/actions';
import { type Alert, type AlertRule, AlertRuleInput, type EvaluationResult } from '../../lib/schema/alerts';
import type { DeskLensEventInput } from '../../lib/schema/events';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from '../testing';
import { DEFAULT_ALERT_RULES } from './alerts.defaults';
import { MAX_ALERT_RULES_PER_ORG } from './alerts.index';
import { ruleRow } from './alerts.rows';

const skipPostgres = await postgresUnavailableReason();

const DAY = 86_400_000;

/** Scores a Tier 1 or Tier 2 agent recorded `daysAgo` days ago. */
function scores(csats: number[], daysAgo: number, customer = (i: number) => `c${i}@example.com`) {
  return csats.map(
    (csat, i): DeskLensEventInput => ({
      type: 'feedback',
      id: randomUUID(),
      occurredAt: new Date(Date.now() - daysAgo * DAY - i * 1000).toISOString(),
      helpdesk: 'zendesk',
      ticketId: `T-${randomUUID().slice(0, 8)}`,
      customer: { email: customer(i) },
      csat,
    }),
  );
}

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`alert rules and firings on ${kind}`, () => {
    let t: TestApp;
    const token = {} as Record<'lee' | 'lin' | 'admin' | 'bo' | 'tara', string>;

    const call = async (who: keyof typeof token | 'ada', method: string, path: string, body?: unknown) => {
      const bearer = who === 'ada' ? t.demo.agentToken : token[who];
      const response = await t.app.request(path, {
        method,
        headers: {
          authorization: `Bearer ${bearer}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    };

    beforeAll(async () => {
      t = await createTestApp(kind);
      for (const who of ['lee', 'lin', 'admin', 'bo', 'tara'] as const)
        token[who] = await tokenForUser(t.database.db, `${who}@acme.test`);
    }, 120_000);
    afterAll(async () => {
      await t?.close();
    });

    it('seeds the programmes’ default rules, which leads read and agents do not', async () => {
      const lead = await call('lee', 'GET', '/api/v1/alert-rules');
      expect(lead.status).toBe(200);
      const names = (lead.body.rules as AlertRule[]).map((rule) => rule.name);
      for (const rule of DEFAULT_ALERT_RULES) expect(names).toContain(rule.name);
      const drop = (lead.body.rules as AlertRule[]).find((rule) => rule.condition.kind === 'change');
      expect(drop).toMatchObject({
        metric: 'csat',
        windowDays: 90,
        condition: { kind: 'change', direction: 'below', percent: 5 },
        scope: { type: 'org', eachTeam: true },
        builtIn: true,
      });
      expect((await call('ada', 'GET', '/api/v1/alert-rules')).status).toBe(403);
      expect((await call('lee', 'POST', '/api/v1/alert-rules', {})).status).toBe(403);
    });

    it('refuses a bad rule, naming each wrong field, and stores nothing', async () => {
      const before = (await call('admin', 'GET', '/api/v1/alert-rules')).body.rules.length;
      const bad = await call('admin', 'POST', '/api/v1/alert-rules', {
        name: '',
        metric: 'csat',
        slaMetric: 'first_reply_time',
        scope: { type: 'team' },
        condition: { kind: 'threshold', direction: 'below', value: 140 },
        windowDays: 0,
        level: 'purple',
      });
      expect(bad.status).toBe(400);
      const paths = (bad.body.error.issues as { path: string }[]).map((issue) => issue.path).sort();
      expect(paths).toEqual(expect.arrayContaining(['name', 'scope.id', 'windowDays', 'level']));
      const merged = await call('admin', 'POST', '/api/v1/alert-rules', {
        name: 'CSAT over 100',
        metric: 'csat',
        slaMetric: 'first_reply_time',
        scope: { type: 'org' },
        condition: { kind: 'threshold', direction: 'below', value: 140 },
        windowDays: 30,
        level: 'red',
      });
      expect(merged.status).toBe(400);
      expect((merged.body.error.issues as { path: string }[]).map((issue) => issue.path).sort()).toEqual([
        'condition.value',
        'slaMetric',
      ]);
      const tierSla = await call('admin', 'POST', '/api/v1/alert-rules', {
        name: 'VIP SLA',
        metric: 'sla_attainment',
        scope: { type: 'tier', id: 'vip' },
        condition: { kind: 'threshold', direction: 'below', value: 95 },
        windowDays: 7,
        level: 'red',
      });
      expect(tierSla.status).toBe(400);
      expect(tierSla.body.error.issues[0].path).toBe('scope.type');
      const change = (metric: string, percent: number) =>
        call('admin', 'POST', '/api/v1/alert-rules', {
          name: `${metric} falls ${percent} %`,
          metric,
          scope: { type: 'org' },
          condition: { kind: 'change', direction: 'below', percent },
          windowDays: 30,
          level: 'red',
        });
      const impossible = await change('csat', 150);
      expect(impossible.status).toBe(400);
      expect(impossible.body.error.issues).toEqual([
        { path: 'condition.percent', message: expect.stringContaining('would never fire') },
      ]);
      // NPS can fall from positive to negative: a fall of more than 100 % is a real one.
      const npsFall = await change('nps', 150);
      expect(npsFall.status).toBe(201);
      expect((await call('admin', 'DELETE', `/api/v1/alert-rules/${npsFall.body.id}`)).status).toBeLessThan(300);
      const unknownTeam = await call('admin', 'POST', '/api/v1/alert-rules', {
        name: 'No such team',
        metric: 'csat',
        scope: { type: 'team', id: 'team_nope' },
        condition: { kind: 'threshold', direction: 'below', value: 90 },
        windowDays: 30,
        level: 'red',
      });
      expect(unknownTeam.status).toBe(404);
      expect(unknownTeam.body.error.message).toContain('team_nope');
      expect((await call('admin', 'GET', '/api/v1/alert-rules')).body.rules.length).toBe(before);
    });

    it('fires once per window, opens an action due in 72 h owned by the team’s lead, and keeps it to that team', async () => {
      const rule = await call('admin', 'POST', '/api/v1/alert-rules', {
        name: 'Tier 1 CSAT under 60%',
        metric: 'csat',
        scope: { type: 'team', id: t.demo.teamId },
        condition: { kind: 'threshold', direction: 'below', value: 60 },
        windowDays: 7,
        level: 'red',
        minimumN: 5,
      });
      expect(rule.status).toBe(201);
      // Ada (Tier 1): 2 of 8 satisfied = 25% CSAT.
      const sent = await call('ada', 'POST', '/api/v1/events', { events: scores([5, 4, 2, 1, 1, 2, 3, 1], 1) });
      expect(sent.status).toBe(200);

      const first = await call('admin', 'POST', '/api/v1/alerts/evaluate');
      expect(first.status).toBe(200);
      const fired = (first.body as EvaluationResult).fired.filter((alert) => alert.ruleId === rule.body.id);
      expect(fired).toHaveLength(1);
      const alert = fired[0] as Alert;
      expect(alert).toMatchObject({
        level: 'red',
        teamId: t.demo.teamId,
        status: 'open',
        current: { value: 25, n: 8 },
      });
      expect(alert.message).toContain('CSAT 25.0% (n 8)');

      const again = await call('admin', 'POST', '/api/v1/alerts/evaluate');
      expect((again.body as EvaluationResult).fired.filter((a) => a.ruleId === rule.body.id)).toEqual([]);

      const action = await call('lee', 'GET', `/api/v1/actions/${alert.actionId}`);
      expect(action.status).toBe(200);
      const opened = action.body as ImprovementAction;
      expect(opened).toMatchObject({ alertId: alert.id, teamId: t.demo.teamId, status: 'open', overdue: false });
      expect(opened.owner?.id).toBe('user_demo_lee');
      const dueIn = Date.parse(opened.dueAt) - Date.parse(alert.firedAt);
      expect(dueIn).toBe(72 * 3_600_000);

      const leeSees = await call('lee', 'GET', '/api/v1/alerts?status=open');
      expect((leeSees.body.alerts as Alert[]).map((a) => a.id)).toContain(alert.id);
      const linSees = await call('lin', 'GET', '/api/v1/alerts');
      expect((linSees.body.alerts as Alert[]).map((a) => a.id)).not.toContain(alert.id);
      expect((await call('lin', 'GET', `/api/v1/alerts?teamId=${t.demo.teamId}`)).status).toBe(403);
      expect((await call('lin', 'POST', `/api/v1/alerts/${alert.id}/acknowledge`)).status).toBe(403);
      expect((await call('lin', 'GET', `/api/v1/actions/${alert.actionId}`)).status).toBe(403);
      const linActions = await call('lin', 'GET', '/api/v1/actions');
      expect((linActions.body.actions as ImprovementAction[]).map((a) => a.id)).not.toContain(alert.actionId);

      const acknowledged = await call('lee', 'POST', `/api/v1/alerts/${alert.id}/acknowledge`);
      expect(acknowledged.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'user_demo_lee' });
      const open = await call('lee', 'GET', '/api/v1/alerts?status=open');
      expect((open.body.alerts as Alert[]).map((a) => a.id)).not.toContain(alert.id);
      const audit = await call('admin', 'GET', `/api/v1/audit?targetId=${alert.id}`);
      expect(audit.body.entries[0]).toMatchObject({ action: 'alert.acknowledge', actorId: 'user_demo_lee' });
    });

    it('fires a change rule when satisfaction falls more than 5% against the window before', async () => {
      const rule = await call('admin', 'POST', '/api/v1/alert-rules', {
        name: 'Tier 2 CSAT fell week on week',
        metric: 'csat',
        scope: { type: 'team', id: t.demo.otherTeamId },
        condition: { kind: 'change', direction: 'below', percent: 5 },
        windowDays: 3,
        level: 'orange',
        minimumN: 4,
      });
      expect(rule.status).toBe(201);
      // Bo (Tier 2): 100% satisfied 4–5 days ago, 50% in the last 3 days.
      await call('bo', 'POST', '/api/v1/events', { events: scores([5, 5, 4, 4], 4.5) });
      await call('bo', 'POST', '/api/v1/events', { events: scores([5, 4, 1, 2], 1) });
      const result = (await call('admin', 'POST', '/api/v1/alerts/evaluate')).body as EvaluationResult;
      const fired = result.fired.filter((alert) => alert.ruleId === rule.body.id);
      expect(fired).toHaveLength(1);
      expect(fired[0]).toMatchObject({
        teamId: t.demo.otherTeamId,
        current: { value: 50, n: 4 },
        previous: { value: 100, n: 4 },
      });
      expect(fired[0]?.message).toContain('fell 50.0%');
    });

    it(`keeps an organisation to ${MAX_ALERT_RULES_PER_ORG} rules, saying so, and stores nothing past it`, async () => {
      const rule = {
        name: 'Filler',
        metric: 'nps' as const,
        scope: { type: 'org' as const },
        condition: { kind: 'threshold' as const, direction: 'below' as const, value: -50 },
        windowDays: 30,
        level: 'yellow' as const,
      };
      const existing = (await call('admin', 'GET', '/api/v1/alert-rules')).body.rules.length as number;
      const fillers = Array.from({ length: MAX_ALERT_RULES_PER_ORG - existing - 1 }, (_, i) =>
        ruleRow(
          `rule_filler_${i}`,
          t.demo.orgId,
          AlertRuleInput.parse({ ...rule, name: `Filler ${i}`, enabled: false }),
          new Date().toISOString(),
        ),
      );
      await t.database.db.insertInto('alert_rules').values(fillers).execute();
      try {
        expect((await call('admin', 'POST', '/api/v1/alert-rules', { ...rule, name: 'The last one' })).status).toBe(
          201,
        );
        const refused = await call('admin', 'POST', '/api/v1/alert-rules', { ...rule, name: 'One too many' });
        expect(refused.status).toBe(409);
        expect(refused.body.error).toMatchObject({ code: 'too_many_alert_rules' });
        expect(refused.body.error.message).toContain(String(MAX_ALERT_RULES_PER_ORG));
        const names = (await call('admin', 'GET', '/api/v1/alert-rules')).body.rules.map((r: AlertRule) => r.name);
        expect(names).toHaveLength(MAX_ALERT_RULES_PER_ORG);
        expect(names).not.toContain('One too many');
      } finally {
        await t.database.db
          .deleteFrom('alert_rules')
          .where((eb) => eb.or([eb('id', 'like', 'rule_filler_%'), eb('name', '=', 'The last one')]))
          .execute();
      }
    });

    it('lets admins change and delete rules, audit-logged, and refuses a change that breaks the rule', async () => {
      const created = await call('admin', 'POST', '/api/v1/alert-rules', {
        name: 'NPS floor',
        metric: 'nps',
        scope: { type: 'org' },
        condition: { kind: 'threshold', direction: 'below', value: 0 },
        windowDays: 30,
        level: 'yellow',
      });
      const id = created.body.id as string;
      const broken = await call('admin', 'PATCH', `/api/v1/alert-rules/${id}`, { slaMetric: 'first_reply_time' });
      expect(broken.status).toBe(400);
      expect(broken.body.error.issues[0].path).toBe('slaMetric');
      const changed = await call('admin', 'PATCH', `/api/v1/alert-rules/${id}`, { level: 'red', enabled: false });
      expect(changed.body).toMatchObject({ level: 'red', enabled: false, name: 'NPS floor' });
      // A patch of one field leaves the others as they are: no default switches the rule back on.
      const window = await call('admin', 'PATCH', `/api/v1/alert-rules/${id}`, { windowDays: 90 });
      expect(window.body).toMatchObject({ windowDays: 90, enabled: false, level: 'red' });
      expect((await call('admin', 'DELETE', `/api/v1/alert-rules/${id}`)).status).toBe(204);
      expect((await call('admin', 'GET', `/api/v1/alert-rules/${id}`)).status).toBe(404);

      // An SLA rule's metric can be taken off (every metric counts again), and the rule can become another metric.
      const sla = await call('admin', 'POST', '/api/v1/alert-rules', {
        name: 'First replies slipping',
        metric: 'sla_attainment',
        slaMetric: 'first_reply_time',
        scope: { type: 'org' },
        condition: { kind: 'threshold', direction: 'below', value: 80 },
        windowDays: 30,
        level: 'orange',
      });
      const slaId = sla.body.id as string;
      const everyMetric = await call('admin', 'PATCH', `/api/v1/alert-rules/${slaId}`, { slaMetric: null });
      expect(everyMetric.status).toBe(200);
      expect(everyMetric.body).toMatchObject({ metric: 'sla_attainment', slaMetric: null, level: 'orange' });
      await call('admin', 'PATCH', `/api/v1/alert-rules/${slaId}`, { slaMetric: 'next_reply_time' });
      const keptOff = await call('admin', 'PATCH', `/api/v1/alert-rules/${slaId}`, { level: 'red' });
      expect(keptOff.body).toMatchObject({ slaMetric: 'next_reply_time', level: 'red' });
      const csat = await call('admin', 'PATCH', `/api/v1/alert-rules/${slaId}`, { metric: 'csat', slaMetric: null });
      expect(csat.status).toBe(200);
      expect(csat.body).toMatchObject({ metric: 'csat', slaMetric: null });
      expect((await call('admin', 'GET', `/api/v1/alert-rules/${slaId}`)).body).toMatchObject({ slaMetric: null });
      expect((await call('admin', 'DELETE', `/api/v1/alert-rules/${slaId}`)).status).toBe(204);
      const audit = await call('admin', 'GET', `/api/v1/audit?targetId=${id}`);
      expect((audit.body.entries as { action: string }[]).map((e) => e.action).sort()).toEqual([
        'alert_rule.create',
        'alert_rule.delete',
        'alert_rule.update',
        'alert_rule.update',
      ]);
    });
  });
}

describe('alert evaluation without anyone asking', () => {
  for (const [how, options] of [
    ['on a schedule', { alertIntervalMs: 200 }],
    ['after ingest, once the burst is over', { alertDebounceMs: 200 }],
  ] as const) {
    it(`fires ${how}`, async () => {
      const t = await createTestApp('sqlite', options);
      try {
        const admin = await tokenForUser(t.database.db, 'admin@acme.test');
        const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
        const rule = await t.app.request('/api/v1/alert-rules', {
          method: 'POST',
          headers,
          body: JSON.stringify({
            name: 'Tier 1 CSAT under 60%',
            metric: 'csat',
            scope: { type: 'team', id: t.demo.teamId },
            condition: { kind: 'threshold', direction: 'below', value: 60 },
            windowDays: 7,
            level: 'red',
            minimumN: 5,
          }),
        });
        const { id } = (await rule.json()) as AlertRule;
        await t.app.request('/api/v1/events', {
          method: 'POST',
          headers: { authorization: `Bearer ${t.demo.agentToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ events: scores([1, 2, 1, 2, 1, 5], 1) }),
        });
        let fired: Alert[] = [];
        for (const deadline = Date.now() + 10_000; fired.length === 0 && Date.now() < deadline; ) {
          await new Promise((done) => setTimeout(done, 100));
          const list = await t.app.request('/api/v1/alerts', { headers });
          fired = ((await list.json()) as { alerts: Alert[] }).alerts.filter((alert) => alert.ruleId === id);
        }
        expect(fired).toHaveLength(1);
        expect(fired[0]?.current).toEqual({ value: 100 / 6, n: 6 });
      } finally {
        await t.close();
      }
    }, 60_000);
  }
});
