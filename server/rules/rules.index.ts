import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ApiError } from '../../lib/schema/events';
import type { SlaPolicy } from '../../lib/schema/sla';
import { SECURITY } from '../api-security';
import { recordAudit } from '../auth/audit';
import { authenticate, requireRole } from '../auth/middleware';
import { canSeeTeam } from '../auth/principal';
import type { AppEnv } from '../context';
import { apiError, zodIssues } from '../errors';
import { validationHook } from '../validation';
import { RULE_KINDS, type RuleKind, RuleKindParam } from './rules.kinds';
import { allScopes, etagOf, readScope, writeScope } from './rules.store';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ApiError } } });
const RuleSet = z.object({
  kind: RuleKindParam,
  /** null: the organisation's own set. */
  teamId: z.string().nullable(),
  /** null: none saved here (a team then uses the organisation's; the organisation the built-in defaults). */
  value: z.unknown(),
  etag: z.string(),
});
const request = {
  params: z.object({ kind: RuleKindParam }),
  query: z.object({ teamId: z.string().min(1).max(64).optional() }),
};

const getRules = createRoute({
  operationId: 'getRuleSet',
  method: 'get',
  path: '/api/v1/rules/{kind}',
  tags: ['rules'],
  summary: 'Tier rules, SLA policies, business-hours calendars or generic adapters, for the org or one team',
  security: SECURITY.tokenOrSession,
  request,
  responses: {
    200: { description: 'The saved set (ETag header too)', content: { 'application/json': { schema: RuleSet } } },
    400: error('Unknown kind, or per-team for a kind that is org-wide'),
    401: error('No valid token or session'),
    403: error('Needs the lead, trainer or admin role'),
    404: error('No such team'),
  },
});

const putRules = createRoute({
  operationId: 'replaceRuleSet',
  method: 'put',
  path: '/api/v1/rules/{kind}',
  tags: ['rules'],
  summary: 'Replace a rule set (ordered: the first matching rule or policy wins); value null removes a team override',
  security: SECURITY.tokenOrSession,
  request: {
    ...request,
    headers: z.object({ 'if-match': z.string().max(100).optional() }),
    body: { required: true, content: { 'application/json': { schema: z.object({ value: z.unknown() }) } } },
  },
  responses: {
    200: { description: 'Saved', content: { 'application/json': { schema: RuleSet } } },
    400: error('The set is invalid; each bad field is named'),
    401: error('No valid token or session'),
    403: error('Needs the admin role'),
    404: error('No such team'),
    409: error('A policy names a calendar that does not exist, or a calendar still in use would be removed'),
    412: error('Changed since the ETag sent in If-Match; reload and apply your change again'),
  },
});

export const rulesRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
rulesRouter.use('/api/v1/rules/*', authenticate);
rulesRouter.on('GET', '/api/v1/rules/*', requireRole('lead', 'trainer', 'admin'));
rulesRouter.on('PUT', '/api/v1/rules/*', requireRole('admin'));

/** Policies (in any scope) whose calendarId is not among `calendarIds`. */
function policiesWithoutCalendar(
  scopes: { teamId: string; config: Record<string, unknown> }[],
  calendarIds: Set<string>,
) {
  return scopes.flatMap(({ teamId, config }) =>
    ((config.slaPolicies as SlaPolicy[] | undefined) ?? [])
      .filter((policy) => policy.calendarId && !calendarIds.has(policy.calendarId))
      .map((policy) => `${policy.id}${teamId ? ` (team ${teamId})` : ''} → ${policy.calendarId}`),
  );
}

/** A team's own set only for kinds that have one, and only for a team of the caller's organisation. */
async function refuseScope(c: Context<AppEnv>, kind: RuleKind, teamId: string | undefined) {
  if (!teamId) return undefined;
  if (!RULE_KINDS[kind].perTeam) return apiError(c, 400, 'invalid_request', `${kind} are org-wide; leave teamId out.`);
  const team = await c.var.db
    .selectFrom('teams')
    .select('id')
    .where('id', '=', teamId)
    .where('org_id', '=', c.var.principal.orgId)
    .executeTakeFirst();
  return team ? undefined : apiError(c, 404, 'not_found', `No team ${teamId} in your organisation.`);
}

rulesRouter.openapi(getRules, async (c) => {
  const { kind } = c.req.valid('param');
  const { teamId } = c.req.valid('query');
  const p = c.var.principal;
  const spec = RULE_KINDS[kind];
  const refused = await refuseScope(c, kind, teamId);
  if (refused) return refused;
  // A lead reads the organisation's sets and the teams they lead, not another team's overrides.
  if (teamId && !canSeeTeam(p, teamId)) return apiError(c, 403, 'forbidden', `You do not lead team ${teamId}.`);
  const value = (await readScope(c.var.db, p.orgId, teamId ?? ''))[spec.field] ?? null;
  const etag = etagOf(value);
  c.header('etag', etag);
  return c.json({ kind, teamId: teamId ?? null, value, etag }, 200);
});

rulesRouter.openapi(putRules, async (c) => {
  const { kind } = c.req.valid('param');
  const { teamId } = c.req.valid('query');
  const ifMatch = c.req.valid('header')['if-match'];
  const { value } = c.req.valid('json');
  const p = c.var.principal;
  const spec = RULE_KINDS[kind];
  const refused = await refuseScope(c, kind, teamId);
  if (refused) return refused;
  let parsed: unknown = null;
  if (value !== null) {
    const result = spec.schema.safeParse(value);
    if (!result.success)
      return apiError(c, 400, 'invalid_request', `Invalid ${kind}`, zodIssues(result.error, 'value'));
    parsed = result.data;
  } else if (!teamId) {
    parsed = null;
  }
  const scope = teamId ?? '';
  const outcome = await c.var.db.transaction().execute(async (trx) => {
    const config = await readScope(trx, p.orgId, scope);
    const before = config[spec.field] ?? null;
    if (ifMatch && ifMatch !== etagOf(before)) return { status: 412 as const };
    const scopes = (await allScopes(trx, p.orgId)).map((s) =>
      s.teamId === scope ? { ...s, config: { ...config, [spec.field]: parsed } } : s,
    );
    if (!scopes.some((s) => s.teamId === scope)) scopes.push({ teamId: scope, config: { [spec.field]: parsed } });
    if (kind === 'calendars' || kind === 'sla-policies') {
      const org = scopes.find((s) => s.teamId === '');
      const calendarIds = new Set(
        ((org?.config.calendars as { id: string }[] | null | undefined) ?? []).map((cal) => cal.id),
      );
      const broken = policiesWithoutCalendar(scopes, calendarIds);
      if (broken.length) return { status: 409 as const, broken };
    }
    if (parsed === null) delete config[spec.field];
    else config[spec.field] = parsed;
    await writeScope(trx, p.orgId, scope, config);
    await recordAudit(trx, p, {
      action: `rules.${kind}.${parsed === null ? 'remove' : 'replace'}`,
      targetType: 'rules',
      targetId: `${kind}${teamId ? `@${teamId}` : ''}`,
      details: { before, after: parsed },
    });
    return { status: 200 as const };
  });
  if (outcome.status === 412)
    return apiError(
      c,
      412,
      'precondition_failed',
      `The ${kind} changed since you loaded them; reload and apply your change again.`,
    );
  if (outcome.status === 409)
    return apiError(
      c,
      409,
      'conflict',
      `SLA policies name calendars that would not exist: ${outcome.broken.join('; ')}.`,
      outcome.broken.map((b) => ({ path: 'calendarId', message: b })),
    );
  const etag = etagOf(parsed);
  c.header('etag', etag);
  return c.json({ kind, teamId: teamId ?? null, value: parsed, etag }, 200);
});
