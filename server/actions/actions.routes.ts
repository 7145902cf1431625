import { createRoute } from '@hono/zod-openapi';
import {
  ActionInput,
  ActionPage,
  ActionPatch,
  ActionQuery,
  BeforeAfter,
  BeforeAfterQuery,
  ImprovementAction,
} from '../../lib/schema/actions';
import { SECURITY } from '../api-security';
import { jsonBody as body, errorResponse as error, IdParam, jsonResponse as ok } from '../routes-common';

const common = {
  400: error('A field is invalid (each is named); nothing was changed'),
  401: error('No valid token or session'),
  403: error('Outside the caller’s role or teams (leads manage their teams’ actions, admins all)'),
};

function route<R extends Parameters<typeof createRoute>[0]>(config: R) {
  return createRoute({ tags: ['improvement actions'], security: SECURITY.tokenOrSession, ...config });
}

export const listActions = route({
  operationId: 'listImprovementActions',
  method: 'get',
  path: '/api/v1/actions',
  summary: 'Improvement actions, newest first (leads: their teams’), with the overdue flag',
  request: { query: ActionQuery },
  responses: { 200: ok(ActionPage), 404: error('No such team in this organisation'), ...common },
});
export const createAction = route({
  operationId: 'createImprovementAction',
  method: 'post',
  path: '/api/v1/actions',
  summary: 'Open an improvement action: problem → measurable action → one owner → dates → status and evidence',
  request: body(ActionInput),
  responses: {
    201: ok(ImprovementAction, 'Created'),
    404: error('The scope or owner is not in this organisation'),
    ...common,
  },
});
export const getAction = route({
  operationId: 'getImprovementAction',
  method: 'get',
  path: '/api/v1/actions/{id}',
  summary: 'One improvement action',
  request: { params: IdParam },
  responses: { 200: ok(ImprovementAction), 404: error('No such action'), ...common },
});
export const updateAction = route({
  operationId: 'updateImprovementAction',
  method: 'patch',
  path: '/api/v1/actions/{id}',
  summary: 'Change an action’s text, owner, dates, status or evidence (audit-logged)',
  request: { params: IdParam, ...body(ActionPatch) },
  responses: {
    200: ok(ImprovementAction),
    404: error('No such action, or the owner is not in this organisation'),
    ...common,
  },
});
export const actionBeforeAfter = route({
  operationId: 'getActionBeforeAfter',
  method: 'get',
  path: '/api/v1/actions/{id}/before-after',
  summary:
    'The action’s metric for its scope before its date and the same length after, with n on both sides, also for the same customers only',
  request: { params: IdParam, query: BeforeAfterQuery },
  responses: { 200: ok(BeforeAfter), 404: error('No such action'), ...common },
});
