import type { Alert, AlertCondition, AlertRule, AlertRuleInput } from '../../lib/schema/alerts';
import type { AlertRulesTable, AlertsTable } from '../db/schema';

export function ruleRow(id: string, orgId: string, rule: AlertRuleInput, at: string, builtIn = false): AlertRulesTable {
  return {
    id,
    org_id: orgId,
    name: rule.name,
    metric: rule.metric,
    sla_metric: rule.slaMetric ?? null,
    scope_type: rule.scope.type,
    scope_id: rule.scope.id ?? null,
    each_team: rule.scope.eachTeam ? 1 : 0,
    condition: JSON.stringify(rule.condition),
    window_days: rule.windowDays,
    level: rule.level,
    minimum_n: rule.minimumN,
    enabled: rule.enabled ? 1 : 0,
    built_in: builtIn ? 1 : 0,
    created_at: at,
    updated_at: at,
  };
}

export function ruleOut(row: AlertRulesTable): AlertRule {
  return {
    id: row.id,
    name: row.name,
    metric: row.metric as AlertRule['metric'],
    slaMetric: (row.sla_metric as AlertRule['slaMetric']) ?? null,
    scope: { type: row.scope_type, id: row.scope_id, eachTeam: Boolean(row.each_team) },
    condition: JSON.parse(row.condition) as AlertCondition,
    windowDays: row.window_days,
    level: row.level,
    minimumN: row.minimum_n,
    enabled: Boolean(row.enabled),
    builtIn: Boolean(row.built_in),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The rule as its input shape again, so a patch can be merged and checked whole. */
export function ruleInputOf(rule: AlertRule): AlertRuleInput {
  return {
    name: rule.name,
    metric: rule.metric,
    ...(rule.slaMetric ? { slaMetric: rule.slaMetric } : {}),
    scope: { type: rule.scope.type, ...(rule.scope.id ? { id: rule.scope.id } : {}), eachTeam: rule.scope.eachTeam },
    condition: rule.condition,
    windowDays: rule.windowDays,
    level: rule.level,
    minimumN: rule.minimumN,
    enabled: rule.enabled,
  };
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export function alertOut(row: AlertsTable): Alert {
  return {
    id: row.id,
    ruleId: row.rule_id,
    ruleName: row.rule_name,
    level: row.level,
    metric: row.metric as Alert['metric'],
    slaMetric: (row.sla_metric as Alert['slaMetric']) ?? null,
    status: row.status,
    teamId: row.team_id,
    agentId: row.agent_id,
    tierId: row.tier_id,
    current: { value: num(row.value), n: Number(row.n) },
    previous: row.previous_n === null ? null : { value: num(row.previous_value), n: Number(row.previous_n) },
    windowFrom: row.window_from,
    windowTo: row.window_to,
    message: row.message,
    firedAt: row.fired_at,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
    actionId: row.action_id,
  };
}
