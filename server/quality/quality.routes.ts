import { createRoute } from '@hono/zod-openapi';
import { QualitySettings, QualitySettingsPatch } from '../../lib/schema/quality';
import { SECURITY } from '../api-security';
import { jsonBody as body, errorResponse as error, jsonResponse as ok } from '../routes-common';

const common = {
  400: error('A field is invalid (each is named); nothing was changed'),
  401: error('No valid token or session'),
  403: error('Admins change the settings; leads, trainers and admins read them'),
};

export const getQualitySettings = createRoute({
  operationId: 'getQualitySettings',
  method: 'get',
  path: '/api/v1/quality-settings',
  tags: ['alerts'],
  security: SECURITY.tokenOrSession,
  summary: 'Ranking bands (red / yellow / green), the improvement actions’ default due time and the small-sample flag',
  responses: { 200: ok(QualitySettings), ...common },
});
export const updateQualitySettings = createRoute({
  operationId: 'updateQualitySettings',
  method: 'patch',
  path: '/api/v1/quality-settings',
  tags: ['alerts'],
  security: SECURITY.tokenOrSession,
  summary: 'Change the ranking bands, the action due time or the small-sample flag (admins; audit-logged)',
  request: body(QualitySettingsPatch),
  responses: { 200: ok(QualitySettings), ...common },
});
