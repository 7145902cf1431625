import { createRoute } from '@hono/zod-openapi';
import {
  Alert,
  AlertPage,
  AlertQuery,
  AlertRule,
  AlertRuleInput,
  AlertRuleList,
  AlertRulePatch,
  EvaluationResult,
} from '../../lib/schema/alerts';
import { SECURITY } from '../api-security';
import { jsonBody as body, errorResponse as error, IdParam, jsonResponse as ok } from '../routes-common';

const common = {
  400: error('A field is invalid (each is named); nothing was changed'),
  401: error('No valid token or session'),
  403: error('Outside the caller’s role or teams (admins manage rules; leads read those of their teams)'),
};

function route<R extends Parameters<typeof createRoute>[0]>(config: R) {
  return createRoute({ tags: ['alerts'], security: SECURITY.tokenOrSession, ...config });
}

export const listAlertRules = route({
  operationId: 'listAlertRules',
  method: 'get',
  path: '/api/v1/alert-rules',
  summary: 'Alert rules: the organisation’s, and (for leads) those of the teams and agents they lead',
  responses: { 200: ok(AlertRuleList), ...common },
});
export const createAlertRule = route({
  operationId: 'createAlertRule',
  method: 'post',
  path: '/api/v1/alert-rules',
  summary: 'Create an alert rule (admins)',
  request: body(AlertRuleInput),
  responses: {
    201: ok(AlertRule, 'Created'),
    404: error('The scope names no team or agent of this organisation'),
    409: error('The organisation already has the most alert rules it may have (200)'),
    ...common,
  },
});
export const getAlertRule = route({
  operationId: 'getAlertRule',
  method: 'get',
  path: '/api/v1/alert-rules/{id}',
  summary: 'One alert rule',
  request: { params: IdParam },
  responses: { 200: ok(AlertRule), 404: error('No such rule'), ...common },
});
export const updateAlertRule = route({
  operationId: 'updateAlertRule',
  method: 'patch',
  path: '/api/v1/alert-rules/{id}',
  summary: 'Change an alert rule (admins); the rule is checked whole after the change',
  request: { params: IdParam, ...body(AlertRulePatch) },
  responses: { 200: ok(AlertRule), 404: error('No such rule'), ...common },
});
export const deleteAlertRule = route({
  operationId: 'deleteAlertRule',
  method: 'delete',
  path: '/api/v1/alert-rules/{id}',
  summary: 'Delete an alert rule (admins); its past firings and actions stay',
  request: { params: IdParam },
  responses: { 204: { description: 'Deleted' }, 404: error('No such rule'), ...common },
});
export const listAlerts = route({
  operationId: 'listAlerts',
  method: 'get',
  path: '/api/v1/alerts',
  summary: 'Fired alerts, newest first (leads: their teams’), open or acknowledged',
  request: { query: AlertQuery },
  responses: { 200: ok(AlertPage), 404: error('No such team in this organisation'), ...common },
});
export const acknowledgeAlert = route({
  operationId: 'acknowledgeAlert',
  method: 'post',
  path: '/api/v1/alerts/{id}/acknowledge',
  summary: 'Acknowledge a fired alert (its team’s leads, admins)',
  request: { params: IdParam },
  responses: { 200: ok(Alert), 404: error('No such alert'), ...common },
});
export const evaluateAlerts = route({
  operationId: 'evaluateAlerts',
  method: 'post',
  path: '/api/v1/alerts/evaluate',
  summary:
    'Evaluate every enabled rule now (admins). The server also evaluates after ingest and on a schedule; each firing is recorded once however many instances evaluate',
  responses: { 200: ok(EvaluationResult), ...common },
});
