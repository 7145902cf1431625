import { createRoute, z } from '@hono/zod-openapi';
import {
  AuditPage,
  AuditQuery,
  IssuedToken,
  LeadTeams,
  Team,
  TeamInput,
  TeamPatch,
  TokenInfo,
  TokenInput,
  User,
  UserInput,
  UserPatch,
} from '../../lib/schema/access';
import { ApiError } from '../../lib/schema/events';
import { PageQuery, pageOf } from '../../lib/schema/page';
import { SECURITY } from '../api-security';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ApiError } } });
const ok = (schema: z.ZodType, description = 'Done') => ({ description, content: { 'application/json': { schema } } });
const body = <S extends z.ZodType>(schema: S) => ({
  body: { required: true as const, content: { 'application/json': { schema } } },
});
const common = {
  400: error('A field is invalid (each is named); nothing was changed'),
  401: error('No valid token or session'),
  403: error('Needs the admin role (leads may list their own teams’ members)'),
};
const IdParam = z.object({ id: z.string().min(1).max(64) });

function route<R extends Parameters<typeof createRoute>[0]>(config: R) {
  return createRoute({ tags: ['admin'], security: SECURITY.tokenOrSession, ...config });
}

export const listTeams = route({
  operationId: 'listTeams',
  method: 'get',
  path: '/api/v1/teams',
  summary: 'Teams of the organisation (leads: the teams they lead), by name, a page at a time',
  request: { query: PageQuery },
  responses: { 200: ok(pageOf('teams', Team)), ...common },
});
export const createTeam = route({
  operationId: 'createTeam',
  method: 'post',
  path: '/api/v1/teams',
  summary: 'Create a team',
  request: body(TeamInput),
  responses: { 201: ok(Team, 'Created'), 409: error('The slug is taken'), ...common },
});
export const renameTeam = route({
  operationId: 'renameTeam',
  method: 'patch',
  path: '/api/v1/teams/{id}',
  summary: 'Rename a team',
  request: { params: IdParam, ...body(TeamPatch) },
  responses: { 200: ok(Team), 404: error('No such team'), ...common },
});
export const teamMembers = route({
  operationId: 'listTeamMembers',
  method: 'get',
  path: '/api/v1/teams/{id}/members',
  summary: 'Members of a team (admins; leads for the teams they lead), by name, a page at a time',
  request: { params: IdParam, query: PageQuery },
  responses: { 200: ok(pageOf('users', User)), 404: error('No such team'), ...common },
});
export const listUsers = route({
  operationId: 'listUsers',
  method: 'get',
  path: '/api/v1/users',
  summary: 'Users of the organisation, by name, a page at a time',
  request: { query: PageQuery },
  responses: { 200: ok(pageOf('users', User)), ...common },
});
export const createUser = route({
  operationId: 'createUser',
  method: 'post',
  path: '/api/v1/users',
  summary: 'Create a user with a role, a team and (for console users) a password',
  request: body(UserInput),
  responses: { 201: ok(User, 'Created'), 409: error('The email is taken in this organisation'), ...common },
});
export const updateUser = route({
  operationId: 'updateUser',
  method: 'patch',
  path: '/api/v1/users/{id}',
  summary: 'Change a user’s name, role, team or password, or deactivate them',
  request: { params: IdParam, ...body(UserPatch) },
  responses: {
    200: ok(User),
    404: error('No such user'),
    409: error('An admin cannot demote or deactivate themself'),
    ...common,
  },
});
export const setLeadTeams = route({
  operationId: 'setLeadTeams',
  method: 'put',
  path: '/api/v1/users/{id}/lead-teams',
  summary: 'The teams a lead leads (replaces the list)',
  request: { params: IdParam, ...body(LeadTeams) },
  responses: {
    200: ok(LeadTeams),
    404: error('No such user or team'),
    409: error('The user is not a lead'),
    ...common,
  },
});
export const listTokens = route({
  operationId: 'listTokens',
  method: 'get',
  path: '/api/v1/tokens',
  summary: 'API and enrollment tokens (never the tokens themselves), newest first, a page at a time',
  request: { query: PageQuery },
  responses: { 200: ok(pageOf('tokens', TokenInfo)), ...common },
});
export const issueToken = route({
  operationId: 'issueToken',
  method: 'post',
  path: '/api/v1/tokens',
  summary: 'Issue an API token for a user or an enrollment token for a team; the token is shown only in this answer',
  request: body(TokenInput),
  responses: {
    201: ok(IssuedToken, 'Issued'),
    404: error('No such user or team'),
    409: error('The user is deactivated'),
    ...common,
  },
});
export const revokeToken = route({
  operationId: 'revokeToken',
  method: 'delete',
  path: '/api/v1/tokens/{id}',
  summary: 'Revoke a token: it stops working at once',
  request: { params: IdParam },
  responses: { 200: ok(TokenInfo), 404: error('No such token'), ...common },
});
export const auditLog = route({
  operationId: 'listAuditEntries',
  method: 'get',
  path: '/api/v1/audit',
  summary: 'Trainer and admin changes, newest first, by action, actor, target and time',
  request: { query: AuditQuery },
  responses: { 200: ok(AuditPage), ...common },
});
