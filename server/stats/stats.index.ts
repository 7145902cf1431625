import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { StatsQuery } from '../../lib/schema/stats';
import { authenticate } from '../auth/middleware';
import type { AppEnv } from '../context';
import { apiError } from '../errors';
import { readQualitySettings } from '../quality/quality.store';
import { validationHook } from '../validation';
import { satisfactionCsv, scriptsCsv, serviceCsv } from './stats.csv';
import { ranking } from './stats.ranking';
import { rankingRoute, satisfactionRoute, scoresRoute, scriptsRoute, serviceRoute } from './stats.routes';
import { satisfactionStats } from './stats.satisfaction';
import { resolveScope, type StatsScope } from './stats.scope';
import { listScores } from './stats.scores';
import { scriptStats } from './stats.scripts';
import { serviceStats } from './stats.service';

export const statsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
statsRouter.use('/api/v1/stats/*', authenticate);

/** Resolves the caller's scope, computes, and answers JSON or CSV; refusals name why. */
async function answer<T>(
  c: Context<AppEnv>,
  query: StatsQuery,
  compute: (scope: StatsScope) => Promise<T>,
  toCsv: (stats: T, bom: boolean) => string,
  name: string,
) {
  const resolved = await resolveScope(c.var.db, c.var.principal, query);
  if ('forbidden' in resolved) return apiError(c, 403, 'forbidden', resolved.forbidden);
  if ('unknownTeam' in resolved)
    return apiError(c, 404, 'not_found', `No team ${resolved.unknownTeam} in your organisation.`);
  const stats = await compute(resolved.scope);
  if (query.format === 'csv') {
    const file = `desklens-${name}-${query.from.slice(0, 10)}-${query.to.slice(0, 10)}.csv`;
    return c.body(toCsv(stats, query.bom), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${file}"`,
    });
  }
  return c.json(stats, 200);
}

// biome-ignore lint/suspicious/noExplicitAny: why: the three routes answer JSON or CSV, which the typed route helpers cannot express.
type AnyResponse = any;

statsRouter.openapi(satisfactionRoute, async (c): Promise<AnyResponse> => {
  const query = c.req.valid('query');
  return answer(c, query, (scope) => satisfactionStats(c.var.db, scope, query), satisfactionCsv, 'satisfaction');
});
statsRouter.openapi(serviceRoute, async (c): Promise<AnyResponse> => {
  const query = c.req.valid('query');
  return answer(c, query, (scope) => serviceStats(c.var.db, scope, query), serviceCsv, 'service');
});
statsRouter.openapi(scriptsRoute, async (c): Promise<AnyResponse> => {
  const query = c.req.valid('query');
  return answer(c, query, (scope) => scriptStats(c.var.db, scope, query), scriptsCsv, 'scripts');
});

statsRouter.openapi(rankingRoute, async (c) => {
  const query = c.req.valid('query');
  const { db, principal } = c.var;
  if (principal.role === 'agent')
    return apiError(c, 403, 'forbidden', 'Rankings compare agents: leads, trainers and admins read them.');
  const resolved = await resolveScope(db, principal, query);
  if ('forbidden' in resolved) return apiError(c, 403, 'forbidden', resolved.forbidden);
  if ('unknownTeam' in resolved)
    return apiError(c, 404, 'not_found', `No team ${resolved.unknownTeam} in your organisation.`);
  return c.json(await ranking(db, resolved.scope, query, await readQualitySettings(db, principal.orgId)), 200);
});

statsRouter.openapi(scoresRoute, async (c) => {
  const query = c.req.valid('query');
  const resolved = await resolveScope(c.var.db, c.var.principal, query);
  if ('forbidden' in resolved) return apiError(c, 403, 'forbidden', resolved.forbidden);
  if ('unknownTeam' in resolved)
    return apiError(c, 404, 'not_found', `No team ${resolved.unknownTeam} in your organisation.`);
  return c.json(await listScores(c.var.db, resolved.scope, query), 200);
});
