import { createRoute, z } from '@hono/zod-openapi';
import { ApiError } from '../../lib/schema/events';
import { PageQuery, pageOf } from '../../lib/schema/page';
import {
  ScriptCreate,
  ScriptDiff,
  ScriptLocale,
  ScriptPriorSchema,
  ScriptPublish,
  ScriptUpdate,
  ScriptVersion,
} from '../../lib/schema/scripts';
import { SECURITY } from '../api-security';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ApiError } } });
const ok = <S extends z.ZodType>(schema: S, description = 'Done') => ({
  description,
  content: { 'application/json': { schema } },
});
const body = <S extends z.ZodType>(schema: S) => ({
  body: { required: true as const, content: { 'application/json': { schema } } },
});
const common = {
  400: error('A field is invalid (each is named), e.g. an unknown {{variable}}; nothing was changed'),
  401: error('No valid token or session'),
  403: error('Writing scripts needs the trainer or admin role; reading them lead, trainer or admin'),
};
const IdParam = z.object({ id: z.string().min(1).max(64) });

function route<R extends Parameters<typeof createRoute>[0]>(config: R) {
  return createRoute({ tags: ['scripts'], security: SECURITY.tokenOrSession, ...config });
}

export const listScripts = route({
  operationId: 'listScripts',
  method: 'get',
  path: '/api/v1/scripts',
  summary:
    'Scripts, newest version of each, by id, filtered by status, locale, team, scenario or text, a page at a time',
  request: {
    query: z
      .object({
        status: z.enum(['draft', 'published', 'retired']).optional(),
        locale: ScriptLocale.optional(),
        teamId: z.string().max(64).optional(),
        scenario: z.string().max(64).optional(),
        q: z.string().max(200).optional(),
      })
      .extend(PageQuery.shape),
  },
  responses: { 200: ok(pageOf('scripts', ScriptVersion)), ...common },
});
export const createScript = route({
  operationId: 'createScript',
  method: 'post',
  path: '/api/v1/scripts',
  summary: 'Create a script as draft version 1',
  request: body(ScriptCreate),
  responses: { 201: ok(ScriptVersion, 'Created'), 409: error('A script with this id exists'), ...common },
});
export const getScript = route({
  operationId: 'getScript',
  method: 'get',
  path: '/api/v1/scripts/{id}',
  summary: 'A script: its newest version, or `?version=N`',
  request: { params: IdParam, query: z.object({ version: z.coerce.number().int().min(1).optional() }) },
  responses: { 200: ok(ScriptVersion), 404: error('No such script or version'), ...common },
});
export const updateScript = route({
  operationId: 'updateScript',
  method: 'put',
  path: '/api/v1/scripts/{id}',
  summary: 'Edit a script: stores a new draft version (the published one stays in use until this is published)',
  request: { params: IdParam, ...body(ScriptUpdate) },
  responses: {
    201: ok(ScriptVersion, 'New version'),
    404: error('No such script'),
    409: error('Someone saved a newer version since expectedVersion'),
    ...common,
  },
});
export const listVersions = route({
  operationId: 'listScriptVersions',
  method: 'get',
  path: '/api/v1/scripts/{id}/versions',
  summary: 'Every version of a script, newest first, a page at a time',
  request: { params: IdParam, query: PageQuery },
  responses: { 200: ok(pageOf('versions', ScriptVersion)), 404: error('No such script'), ...common },
});
export const diffScript = route({
  operationId: 'diffScriptVersions',
  method: 'get',
  path: '/api/v1/scripts/{id}/diff',
  summary: 'What changed between two versions',
  request: {
    params: IdParam,
    query: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
  },
  responses: { 200: ok(ScriptDiff), 404: error('No such script or version'), ...common },
});
export const publishScript = route({
  operationId: 'publishScript',
  method: 'post',
  path: '/api/v1/scripts/{id}/publish',
  summary: 'Publish a version to teams: agents’ catalogs serve it from their next pull',
  request: { params: IdParam, ...body(ScriptPublish) },
  responses: { 200: ok(ScriptVersion), 404: error('No such script, version or team'), ...common },
});
export const retireScript = route({
  operationId: 'retireScript',
  method: 'post',
  path: '/api/v1/scripts/{id}/retire',
  summary: 'Retire a script: it leaves every agent’s catalog; its history stays',
  request: { params: IdParam },
  responses: { 200: ok(ScriptVersion), 404: error('No such script'), ...common },
});

export const ScriptPriorsResponse = z.object({
  /** False when an admin switched learning off (rule `script-learning`): the catalog then ships no priors. */
  learning: z.boolean(),
  computedAt: z.string(),
  priors: z.array(ScriptPriorSchema.extend({ multiplier: z.number() })),
});

export const listScriptPriors = route({
  method: 'get',
  path: '/api/v1/script-priors',
  operationId: 'listScriptPriors',
  summary: 'What agents and customers taught the ranking: each script’s learned rate, votes and score multiplier',
  responses: { 200: ok(ScriptPriorsResponse), ...common },
});
