import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../../lib/schema/events';
import { Device, DeviceDecision, DeviceQuery } from '../../lib/schema/identity';
import { pageOf } from '../../lib/schema/page';
import { SECURITY } from '../api-security';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ApiError } } });
const ok = (schema: z.ZodType, description = 'Done') => ({ description, content: { 'application/json': { schema } } });
const IdParam = z.object({ id: z.string().min(1).max(64) });
const common = {
  400: error('A field is invalid (each is named)'),
  401: error('No valid token or session'),
  403: error('Needs the lead role for the device’s team, or admin'),
};
const decision = {
  ...common,
  404: error('No such device in your organisation'),
  409: error('The device is not in a state this applies to, or its person can no longer be enrolled (reason given)'),
};

/** An API token or a console session (the console's approvals screen). */
function route<R extends Parameters<typeof createRoute>[0]>(config: R) {
  return createRoute({ tags: ['devices'], security: SECURITY.tokenOrSession, ...config });
}

export const listDevices = route({
  method: 'get',
  path: '/api/v1/devices',
  operationId: 'listDevices',
  summary:
    'Browsers of your teams (admins: all) asking to be, or bound to, a person; newest first, a page at a time; e.g. status=pending',
  request: { query: DeviceQuery },
  responses: { 200: ok(pageOf('devices', Device)), 404: error('No such team'), ...common },
});

export const approveDevice = route({
  method: 'post',
  path: '/api/v1/devices/{id}/approve',
  operationId: 'approveDevice',
  summary:
    'Approve a pending browser: it gets a token for the email it asked for (a new person becomes an agent of the team)',
  request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: DeviceDecision } } } },
  responses: { 200: ok(Device, 'Approved'), ...decision },
});

export const rejectDevice = route({
  method: 'post',
  path: '/api/v1/devices/{id}/reject',
  operationId: 'rejectDevice',
  summary: 'Reject a pending browser; the reason is shown to it',
  request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: DeviceDecision } } } },
  responses: { 200: ok(Device, 'Rejected'), ...decision },
});

export const revokeDevice = route({
  method: 'post',
  path: '/api/v1/devices/{id}/revoke',
  operationId: 'revokeDevice',
  summary: 'Revoke an approved browser: its token stops working at once and it must prove who it is again',
  request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: DeviceDecision } } } },
  responses: { 200: ok(Device, 'Revoked'), ...decision },
});
