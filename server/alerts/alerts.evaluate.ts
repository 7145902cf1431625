import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Alert, AlertCondition, AlertMetric } from '../../lib/schema/alerts';
import type { SlaMetric } from '../../lib/schema/sla';
import type { Figure } from '../../lib/schema/stats';
import type { AlertRulesTable, AlertsTable, Database, ImprovementActionsTable } from '../db/schema';
import { readQualitySettings } from '../quality/quality.store';
import { ensureQualityDefaults } from './alerts.defaults';
import { describeFigure, type MetricSubject, readMetric } from './alerts.metrics';
import { alertOut } from './alerts.rows';

const DAY_MS = 86_400_000;

interface Subject extends MetricSubject {
  /** Part of the firing key: which team, agent or tier the reading was for ('' for the organisation). */
  key: string;
  /** The team a firing belongs to (leads of it see it and own its action). */
  teamId: string | null;
}

/** The subjects one rule is read for: one, or every team of the organisation for per-team rules. */
async function subjectsOf(db: Kysely<Database>, rule: AlertRulesTable): Promise<Subject[]> {
  const base = { orgId: rule.org_id, teamIds: null, agentId: null, tierId: null };
  switch (rule.scope_type) {
    case 'org': {
      if (!rule.each_team) return [{ ...base, key: 'org', teamId: null }];
      const teams = await db.selectFrom('teams').select('id').where('org_id', '=', rule.org_id).orderBy('id').execute();
      return teams.map((t) => ({ ...base, teamIds: [t.id], key: `team:${t.id}`, teamId: t.id }));
    }
    case 'team':
      return [{ ...base, teamIds: [rule.scope_id ?? ''], key: `team:${rule.scope_id}`, teamId: rule.scope_id }];
    case 'agent': {
      const agent = await db
        .selectFrom('users')
        .select('team_id')
        .where('id', '=', rule.scope_id ?? '')
        .where('org_id', '=', rule.org_id)
        .executeTakeFirst();
      if (!agent) return [];
      return [{ ...base, agentId: rule.scope_id, key: `agent:${rule.scope_id}`, teamId: agent.team_id }];
    }
    case 'tier':
      return [{ ...base, tierId: rule.scope_id, key: `tier:${rule.scope_id}`, teamId: null }];
  }
}

interface Reading {
  current: Figure;
  previous: Figure | null;
  fires: boolean;
  message: string;
}

/** Whether the condition holds; too few answers on either side never fire. */
export function judge(
  metric: AlertMetric,
  slaMetric: SlaMetric | null,
  condition: AlertCondition,
  windowDays: number,
  minimumN: number,
  current: Figure,
  previous: Figure | null,
): Reading {
  const now = describeFigure(metric, slaMetric, current);
  if (current.value === null || current.n < minimumN)
    return { current, previous, fires: false, message: `${now}: too few answers` };
  if (condition.kind === 'threshold') {
    const fires = condition.direction === 'below' ? current.value < condition.value : current.value > condition.value;
    return {
      current,
      previous,
      fires,
      message: `${now} over the last ${windowDays} days is ${condition.direction} ${condition.value}`,
    };
  }
  if (!previous || previous.value === null || previous.n < minimumN || previous.value === 0)
    return { current, previous, fires: false, message: `${now}: no earlier window to compare with` };
  const change = (100 * (current.value - previous.value)) / Math.abs(previous.value);
  const fires = condition.direction === 'below' ? change < -condition.percent : change > condition.percent;
  const verb = change < 0 ? 'fell' : 'rose';
  return {
    current,
    previous,
    fires,
    message: `${now} ${verb} ${Math.abs(change).toFixed(1)}% against the previous ${windowDays} days (${describeFigure(metric, slaMetric, previous)})`,
  };
}

/** The lead who owns an action opened for a team: its first lead by id (admins reassign). */
async function ownerFor(db: Kysely<Database>, orgId: string, teamId: string | null): Promise<string | null> {
  if (!teamId) return null;
  const lead = await db
    .selectFrom('team_leads')
    .select('user_id')
    .where('org_id', '=', orgId)
    .where('team_id', '=', teamId)
    .orderBy('user_id')
    .executeTakeFirst();
  return lead?.user_id ?? null;
}

export interface Firing {
  alert: Alert;
  actionId: string;
  action: ImprovementActionsTable;
}

/**
 * Records one firing and the improvement action it opens, in one transaction. The firing key (rule, subject,
 * window) is unique in the database: when instances race, exactly one insert wins and only it opens an action.
 */
async function recordFiring(
  db: Kysely<Database>,
  rule: AlertRulesTable,
  subject: Subject,
  reading: Reading,
  window: { from: Date; to: Date; index: number },
  now: Date,
  dueHours: number,
): Promise<Firing | undefined> {
  const at = now.toISOString();
  const alertId = `alert_${randomUUID()}`;
  const actionId = `action_${randomUUID()}`;
  const owner = await ownerFor(db, rule.org_id, subject.teamId);
  return db.transaction().execute(async (trx) => {
    const row: AlertsTable = {
      id: alertId,
      org_id: rule.org_id,
      rule_id: rule.id,
      firing_key: `${rule.id}|${subject.key}|${rule.window_days}d#${window.index}`,
      rule_name: rule.name,
      level: rule.level,
      metric: rule.metric,
      sla_metric: rule.sla_metric,
      status: 'open',
      team_id: subject.teamId,
      agent_id: subject.agentId,
      tier_id: subject.tierId,
      value: reading.current.value,
      n: reading.current.n,
      previous_value: reading.previous?.value ?? null,
      previous_n: reading.previous ? reading.previous.n : null,
      window_from: window.from.toISOString(),
      window_to: window.to.toISOString(),
      message: reading.message,
      fired_at: at,
      acknowledged_at: null,
      acknowledged_by: null,
      action_id: actionId,
    };
    const won = await trx
      .insertInto('alerts')
      .values(row)
      .onConflict((oc) => oc.column('firing_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!won) return undefined;
    const action: ImprovementActionsTable = {
      id: actionId,
      org_id: rule.org_id,
      team_id: subject.teamId,
      metric: rule.metric,
      dimension: null,
      scope_type: subject.agentId ? 'agent' : subject.tierId ? 'tier' : subject.teamId ? 'team' : 'org',
      scope_id: subject.agentId ?? subject.tierId ?? subject.teamId ?? null,
      problem: `${rule.name}: ${reading.message}`,
      action: 'To agree: one concrete, measurable action (e.g. "first reply ≤ 30 minutes") and its owner.',
      owner_id: owner,
      planned_date: null,
      actual_date: null,
      status: 'open',
      evidence_text: '',
      evidence_links: '[]',
      due_at: new Date(now.getTime() + dueHours * 3_600_000).toISOString(),
      alert_id: alertId,
      created_at: at,
      created_by: `alert-rule:${rule.id}`,
      updated_at: at,
    };
    await trx.insertInto('improvement_actions').values(action).execute();
    return { alert: alertOut(row), actionId, action };
  });
}

/**
 * Evaluates the organisation's enabled rules at `now`: each over the `windowDays` ending now (and, for change
 * rules, the same length before). Windows are numbered from the epoch in steps of the rule's length, so a
 * condition that holds fires once per window, not on every evaluation.
 */
export async function evaluateOrg(
  db: Kysely<Database>,
  orgId: string,
  now = new Date(),
): Promise<{ evaluated: number; fired: Firing[] }> {
  await ensureQualityDefaults(db, orgId, now);
  const settings = await readQualitySettings(db, orgId);
  const rules = await db
    .selectFrom('alert_rules')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('enabled', '=', 1)
    .orderBy('id')
    .execute();
  const fired: Firing[] = [];
  let evaluated = 0;
  for (const rule of rules) {
    const span = rule.window_days * DAY_MS;
    const window = { from: new Date(now.getTime() - span), to: now, index: Math.floor(now.getTime() / span) };
    const condition = JSON.parse(rule.condition) as AlertCondition;
    const metric = rule.metric as AlertMetric;
    const slaMetric = (rule.sla_metric as SlaMetric | null) ?? null;
    for (const subject of await subjectsOf(db, rule)) {
      evaluated++;
      const current = await readMetric(db, subject, metric, slaMetric, window.from, window.to);
      const previous =
        condition.kind === 'change'
          ? await readMetric(db, subject, metric, slaMetric, new Date(window.from.getTime() - span), window.from)
          : null;
      const reading = judge(metric, slaMetric, condition, rule.window_days, rule.minimum_n, current, previous);
      if (!reading.fires) continue;
      const firing = await recordFiring(db, rule, subject, reading, window, now, settings.actionDueHours);
      if (firing) fired.push(firing);
    }
  }
  return { evaluated, fired };
}
