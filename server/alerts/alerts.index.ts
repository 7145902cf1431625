import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { AlertRuleInput } from '../../lib/schema/alerts';
import { recordAudit } from '../auth/audit';
import { authenticate, requireRole } from '../auth/middleware';
import { canSeeTeam } from '../auth/principal';
import type { AppEnv } from '../context';
import { apiError, zodIssues } from '../errors';
import { paginate } from '../pagination';
import { validationHook } from '../validation';
import { canSeeRule, unknownScopeTarget, visibleTeams } from './alerts.access';
import { ensureQualityDefaults } from './alerts.defaults';
import {
  acknowledgeAlert,
  createAlertRule,
  deleteAlertRule,
  evaluateAlerts,
  getAlertRule,
  listAlertRules,
  listAlerts,
  updateAlertRule,
} from './alerts.routes';
import { alertOut, ruleInputOf, ruleOut, ruleRow } from './alerts.rows';

/**
 * Every rule is evaluated for every team on each pass, on every instance: the cap keeps that work, and the list of
 * rules (read whole, without pages), bounded.
 */
export const MAX_ALERT_RULES_PER_ORG = 200;

export const alertsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
const readers = requireRole('lead', 'trainer', 'admin');
alertsRouter.use('/api/v1/alert-rules', authenticate, readers);
alertsRouter.use('/api/v1/alert-rules/*', authenticate, readers);
alertsRouter.use('/api/v1/alerts', authenticate, readers);
alertsRouter.use('/api/v1/alerts/*', authenticate, readers);
alertsRouter.post('/api/v1/alert-rules', requireRole('admin'));
alertsRouter.patch('/api/v1/alert-rules/:id', requireRole('admin'));
alertsRouter.delete('/api/v1/alert-rules/:id', requireRole('admin'));
alertsRouter.post('/api/v1/alerts/evaluate', requireRole('admin'));

alertsRouter.openapi(listAlertRules, async (c) => {
  const { db, principal } = c.var;
  await ensureQualityDefaults(db, principal.orgId);
  const rows = await db
    .selectFrom('alert_rules')
    .selectAll()
    .where('org_id', '=', principal.orgId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const visible = [];
  for (const row of rows) if (await canSeeRule(db, principal, row)) visible.push(ruleOut(row));
  return c.json({ rules: visible }, 200);
});

alertsRouter.openapi(createAlertRule, async (c) => {
  const input = c.req.valid('json');
  const { db, principal } = c.var;
  const unknown = await unknownScopeTarget(db, principal.orgId, input.scope);
  if (unknown) return apiError(c, 404, 'not_found', unknown, [{ path: 'scope.id', message: unknown }]);
  await ensureQualityDefaults(db, principal.orgId);
  const { count } = await db
    .selectFrom('alert_rules')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('org_id', '=', principal.orgId)
    .executeTakeFirstOrThrow();
  if (Number(count) >= MAX_ALERT_RULES_PER_ORG)
    return apiError(
      c,
      409,
      'too_many_alert_rules',
      `This organisation already has ${MAX_ALERT_RULES_PER_ORG} alert rules, the most it may have; delete or change one instead.`,
    );
  const row = ruleRow(`rule_${randomUUID()}`, principal.orgId, input, new Date().toISOString());
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('alert_rules').values(row).execute();
    await recordAudit(trx, principal, {
      action: 'alert_rule.create',
      targetType: 'alert_rule',
      targetId: row.id,
      details: { rule: input },
    });
  });
  return c.json(ruleOut(row), 201);
});

alertsRouter.openapi(getAlertRule, async (c) => {
  const { id } = c.req.valid('param');
  const { db, principal } = c.var;
  const row = await db
    .selectFrom('alert_rules')
    .selectAll()
    .where('id', '=', id)
    .where('org_id', '=', principal.orgId)
    .executeTakeFirst();
  if (!row) return apiError(c, 404, 'not_found', `No alert rule ${id} in your organisation.`);
  if (!(await canSeeRule(db, principal, row)))
    return apiError(c, 403, 'forbidden', `Alert rule ${id} reads a team you do not lead.`);
  return c.json(ruleOut(row), 200);
});

alertsRouter.openapi(updateAlertRule, async (c) => {
  const { id } = c.req.valid('param');
  const patch = c.req.valid('json');
  const { db, principal } = c.var;
  const before = await db
    .selectFrom('alert_rules')
    .selectAll()
    .where('id', '=', id)
    .where('org_id', '=', principal.orgId)
    .executeTakeFirst();
  if (!before) return apiError(c, 404, 'not_found', `No alert rule ${id} in your organisation.`);
  // The merged rule must stand on its own (an SLA metric on a CSAT rule, a threshold out of range…).
  const { slaMetric, ...rest } = patch;
  const { slaMetric: beforeSlaMetric, ...kept } = ruleInputOf(ruleOut(before));
  const next = slaMetric === null ? undefined : (slaMetric ?? beforeSlaMetric);
  const merged = AlertRuleInput.safeParse({ ...kept, ...rest, ...(next ? { slaMetric: next } : {}) });
  if (!merged.success) return apiError(c, 400, 'invalid_request', 'Invalid json', zodIssues(merged.error));
  const unknown = await unknownScopeTarget(db, principal.orgId, merged.data.scope);
  if (unknown) return apiError(c, 404, 'not_found', unknown, [{ path: 'scope.id', message: unknown }]);
  const row = {
    ...ruleRow(id, principal.orgId, merged.data, new Date().toISOString(), Boolean(before.built_in)),
    created_at: before.created_at,
  };
  await db.transaction().execute(async (trx) => {
    const { id: _id, org_id: _org, created_at: _created, ...changes } = row;
    await trx.updateTable('alert_rules').set(changes).where('id', '=', id).execute();
    await recordAudit(trx, principal, {
      action: 'alert_rule.update',
      targetType: 'alert_rule',
      targetId: id,
      details: { before: ruleInputOf(ruleOut(before)), after: merged.data },
    });
  });
  return c.json(ruleOut(row), 200);
});

alertsRouter.openapi(deleteAlertRule, async (c) => {
  const { id } = c.req.valid('param');
  const { db, principal } = c.var;
  const deleted = await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('alert_rules')
      .selectAll()
      .where('id', '=', id)
      .where('org_id', '=', principal.orgId)
      .executeTakeFirst();
    if (!before) return false;
    await trx.deleteFrom('alert_rules').where('id', '=', id).execute();
    await recordAudit(trx, principal, {
      action: 'alert_rule.delete',
      targetType: 'alert_rule',
      targetId: id,
      details: { rule: ruleInputOf(ruleOut(before)) },
    });
    return true;
  });
  if (!deleted) return apiError(c, 404, 'not_found', `No alert rule ${id} in your organisation.`);
  return c.body(null, 204);
});

alertsRouter.openapi(listAlerts, async (c) => {
  const q = c.req.valid('query');
  const { db, principal } = c.var;
  if (q.teamId) {
    const team = await db
      .selectFrom('teams')
      .select('id')
      .where('id', '=', q.teamId)
      .where('org_id', '=', principal.orgId)
      .executeTakeFirst();
    if (!team) return apiError(c, 404, 'not_found', `No team ${q.teamId} in your organisation.`);
    if (!canSeeTeam(principal, q.teamId)) return apiError(c, 403, 'forbidden', `You do not lead team ${q.teamId}.`);
  }
  let query = db.selectFrom('alerts').selectAll().where('org_id', '=', principal.orgId);
  const teams = visibleTeams(principal);
  if (teams) query = query.where('team_id', 'in', teams.length ? [...teams] : ['']);
  if (q.teamId) query = query.where('team_id', '=', q.teamId);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.level) query = query.where('level', '=', q.level);
  const { rows, next } = await paginate(query, { columns: ['fired_at', 'id'], direction: 'desc' }, q);
  return c.json({ alerts: rows.map(alertOut), next }, 200);
});

alertsRouter.openapi(acknowledgeAlert, async (c) => {
  const { id } = c.req.valid('param');
  const { db, principal } = c.var;
  if (principal.role === 'trainer')
    return apiError(c, 403, 'forbidden', 'Leads and admins acknowledge alerts; trainers read them.');
  const row = await db
    .selectFrom('alerts')
    .selectAll()
    .where('id', '=', id)
    .where('org_id', '=', principal.orgId)
    .executeTakeFirst();
  if (!row) return apiError(c, 404, 'not_found', `No alert ${id} in your organisation.`);
  if (!principal.allTeams && !canSeeTeam(principal, row.team_id))
    return apiError(c, 403, 'forbidden', `Alert ${id} belongs to a team you do not lead.`);
  if (row.status === 'acknowledged') return c.json(alertOut(row), 200);
  const at = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('alerts')
      .set({ status: 'acknowledged', acknowledged_at: at, acknowledged_by: principal.userId })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .execute();
    await recordAudit(trx, principal, { action: 'alert.acknowledge', targetType: 'alert', targetId: id });
  });
  const updated = { ...row, status: 'acknowledged' as const, acknowledged_at: at, acknowledged_by: principal.userId };
  await c.var.live.publish({ type: 'alert', orgId: principal.orgId, alert: alertOut(updated) }).catch(() => undefined);
  return c.json(alertOut(updated), 200);
});

alertsRouter.openapi(evaluateAlerts, async (c) => {
  const { principal } = c.var;
  const result = await c.var.alerts.evaluateNow(principal.orgId);
  return c.json({ evaluated: result.evaluated, fired: result.fired.map((f) => f.alert) }, 200);
});
