import { OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { ScriptEntry } from '../../lib/schema/scripts';
import { normalizeForMatching } from '../../lib/scripts/normalize';
import { priorMultiplier } from '../../lib/scripts/priors';
import { recordAudit } from '../auth/audit';
import { authenticate, requireRole } from '../auth/middleware';
import { canSeeTeam, type Principal } from '../auth/principal';
import type { AppEnv } from '../context';
import type { Database, ScriptsTable } from '../db/schema';
import { apiError } from '../errors';
import { paginate } from '../pagination';
import { readScope } from '../rules/rules.store';
import { validationHook } from '../validation';
import { priorsFor } from './priors';
import {
  diffVersions,
  latestVersion,
  newVersionRow,
  unknownTeams,
  unknownVariables,
  versionOut,
} from './scripts.handlers';
import {
  createScript,
  diffScript,
  getScript,
  listScriptPriors,
  listScripts,
  listVersions,
  publishScript,
  retireScript,
  updateScript,
} from './scripts.routes';

export const scriptsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
scriptsRouter.use('/api/v1/scripts', authenticate);
scriptsRouter.use('/api/v1/scripts/*', authenticate);
scriptsRouter.on(['GET'], ['/api/v1/scripts', '/api/v1/scripts/*'], requireRole('lead', 'trainer', 'admin'));
scriptsRouter.on(['POST', 'PUT'], ['/api/v1/scripts', '/api/v1/scripts/*'], requireRole('trainer', 'admin'));
scriptsRouter.use('/api/v1/script-priors', authenticate, requireRole('lead', 'trainer', 'admin'));

scriptsRouter.openapi(listScriptPriors, async (c) => {
  const orgId = c.var.principal.orgId;
  const learning = (await readScope(c.var.db, orgId, ''))['scriptLearning'] !== false;
  // Trainers see the figures even while learning is off, to decide whether to switch it back on.
  const { computedAt, priors } = await priorsFor(c.var.db, orgId);
  return c.json(
    { learning, computedAt, priors: priors.map((prior) => ({ ...prior, multiplier: priorMultiplier(prior) })) },
    200,
  );
});

/** Everything wrong with a draft that its schema cannot see: unknown {{variables}} and teams. */
async function draftIssues(
  db: Kysely<Database>,
  orgId: string,
  body: string,
  teamIds: string[],
  variant?: { id: string; locale: ScriptEntry['locale']; variantOf?: string | undefined },
) {
  const variants = variant ? await variantIssues(db, orgId, variant) : [];
  const variables = unknownVariables(body).map((name) => ({
    path: 'script.body',
    message: `Unknown variable {{${name}}}; see docs/trainers/scripts.md for the list`,
  }));
  const teams = (await unknownTeams(db, orgId, teamIds)).map((t) => ({
    path: 'teamIds',
    message: `Unknown team ${t}`,
  }));
  return [...variables, ...teams, ...variants];
}

/**
 * A Chinese script may name the script it is the other variant of (zh_TW for a zh_CN one, or the other way round):
 * that script must exist in the organisation, in the other Chinese variant.
 */
async function variantIssues(
  db: Kysely<Database>,
  orgId: string,
  draft: { id: string; locale: ScriptEntry['locale']; variantOf?: string | undefined },
) {
  if (!draft.variantOf) return [];
  const issue = (message: string) => [{ path: 'script.variantOf', message }];
  if (draft.locale === 'en') return issue('Only a zh_CN or zh_TW script can be a variant of another script');
  if (draft.variantOf === draft.id) return issue('A script cannot be a variant of itself');
  const other = await latestVersion(db, orgId, draft.variantOf);
  if (!other) return issue(`No script ${draft.variantOf} to be a variant of`);
  const wanted = draft.locale === 'zh_TW' ? 'zh_CN' : 'zh_TW';
  if (other.locale !== wanted)
    return issue(
      `Script ${draft.variantOf} is in ${other.locale}; a ${draft.locale} script is a variant of a ${wanted} one`,
    );
  return [];
}

/**
 * Trainers and admins read every script; a lead reads the organisation-wide ones (no teams) and those published
 * to a team they lead, never another team's.
 */
const visibleTo = (p: Principal, teamIdsJson: string) => {
  if (p.allTeams) return true;
  const teamIds = JSON.parse(teamIdsJson) as string[];
  return teamIds.length === 0 || teamIds.some((teamId) => canSeeTeam(p, teamId));
};

scriptsRouter.openapi(listScripts, async (c) => {
  const q = c.req.valid('query');
  if (q.teamId && !canSeeTeam(c.var.principal, q.teamId))
    return apiError(c, 403, 'forbidden', `You do not lead team ${q.teamId}.`);
  const orgId = c.var.principal.orgId;
  let query = c.var.db
    .selectFrom('scripts')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('version', '=', (eb) =>
      eb
        .selectFrom('scripts as newer')
        .select((n) => n.fn.max('newer.version').as('version'))
        .where('newer.org_id', '=', orgId)
        .whereRef('newer.id', '=', 'scripts.id'),
    );
  if (q.status) query = query.where('status', '=', q.status);
  if (q.locale) query = query.where('locale', '=', q.locale);
  // Compared as the extension's matching compares (case, full-width forms, Traditional/Simplified Chinese aside).
  const needle = q.q ? normalizeForMatching(q.q) : undefined;
  // Who may see it, scenario, teams and text live inside the stored JSON, so those filters run here, a chunk at a time.
  const keep = (row: ScriptsTable) => {
    if (!visibleTo(c.var.principal, row.team_ids)) return false;
    const s = versionOut(row);
    if (q.scenario && s.script.scenario !== q.scenario) return false;
    if (q.teamId && s.teamIds.length > 0 && !s.teamIds.includes(q.teamId)) return false;
    if (
      needle &&
      !normalizeForMatching(`${s.script.title}\n${s.script.body}\n${s.script.tags.join(' ')}`).includes(needle)
    )
      return false;
    return true;
  };
  const { rows, next } = await paginate(query, { columns: ['id'], direction: 'asc' }, q, keep);
  return c.json({ scripts: rows.map(versionOut), next }, 200);
});

scriptsRouter.openapi(createScript, async (c) => {
  const { script, teamIds } = c.req.valid('json');
  const p = c.var.principal;
  const issues = await draftIssues(c.var.db, p.orgId, script.body, teamIds, script);
  if (issues.length) return apiError(c, 400, 'invalid_request', 'Invalid body', issues);
  if (await latestVersion(c.var.db, p.orgId, script.id))
    return apiError(c, 409, 'conflict', `A script "${script.id}" exists; edit it with PUT.`);
  const row = newVersionRow(p.orgId, script, 1, teamIds);
  await c.var.db.transaction().execute(async (trx) => {
    await trx.insertInto('scripts').values(row).execute();
    await recordAudit(trx, p, {
      action: 'script.create',
      targetType: 'script',
      targetId: script.id,
      details: { version: 1, title: script.title },
    });
  });
  return c.json(versionOut(row), 201);
});

scriptsRouter.openapi(getScript, async (c) => {
  const { id } = c.req.valid('param');
  const { version } = c.req.valid('query');
  let query = c.var.db
    .selectFrom('scripts')
    .selectAll()
    .where('org_id', '=', c.var.principal.orgId)
    .where('id', '=', id);
  query = version ? query.where('version', '=', version) : query.orderBy('version', 'desc').limit(1);
  const row = await query.executeTakeFirst();
  if (!row || !visibleTo(c.var.principal, row.team_ids))
    return apiError(c, 404, 'not_found', `No script ${id}${version ? ` version ${version}` : ''}.`);
  return c.json(versionOut(row), 200);
});

scriptsRouter.openapi(updateScript, async (c) => {
  const { id } = c.req.valid('param');
  const { expectedVersion, script, teamIds } = c.req.valid('json');
  const p = c.var.principal;
  const issues = await draftIssues(c.var.db, p.orgId, script.body, teamIds ?? [], { ...script, id });
  if (issues.length) return apiError(c, 400, 'invalid_request', 'Invalid body', issues);
  const result = await c.var.db.transaction().execute(async (trx) => {
    const latest = await latestVersion(trx, p.orgId, id);
    if (!latest) return { missing: true as const };
    if (latest.version !== expectedVersion) return { stale: latest.version };
    const row = newVersionRow(
      p.orgId,
      { ...script, id },
      latest.version + 1,
      teamIds ?? (JSON.parse(latest.team_ids) as string[]),
    );
    await trx.insertInto('scripts').values(row).execute();
    await recordAudit(trx, p, {
      action: 'script.edit',
      targetType: 'script',
      targetId: id,
      details: { version: row.version, from: latest.version },
    });
    return { row };
  });
  if ('missing' in result) return apiError(c, 404, 'not_found', `No script ${id}.`);
  if ('stale' in result)
    return apiError(
      c,
      409,
      'conflict',
      `Version ${result.stale} was saved after version ${expectedVersion}; reload and edit that one.`,
      [{ path: 'expectedVersion', message: `The newest version is ${result.stale}` }],
    );
  return c.json(versionOut(result.row), 201);
});

scriptsRouter.openapi(listVersions, async (c) => {
  const { id } = c.req.valid('param');
  const page = c.req.valid('query');
  const { rows, next } = await paginate(
    c.var.db.selectFrom('scripts').selectAll().where('org_id', '=', c.var.principal.orgId).where('id', '=', id),
    { columns: ['version'], direction: 'desc' },
    page,
    (row) => visibleTo(c.var.principal, row.team_ids),
  );
  if (rows.length === 0 && !page.cursor) return apiError(c, 404, 'not_found', `No script ${id}.`);
  return c.json({ versions: rows.map(versionOut), next }, 200);
});

scriptsRouter.openapi(diffScript, async (c) => {
  const { id } = c.req.valid('param');
  const { from, to } = c.req.valid('query');
  const rows = await c.var.db
    .selectFrom('scripts')
    .selectAll()
    .where('org_id', '=', c.var.principal.orgId)
    .where('id', '=', id)
    .where('version', 'in', [from, to])
    .execute();
  const visible = rows.filter((row) => visibleTo(c.var.principal, row.team_ids));
  const a = visible.find((r) => r.version === from);
  const b = visible.find((r) => r.version === to);
  if (!a || !b) return apiError(c, 404, 'not_found', `Script ${id} has no version ${!a ? from : to}.`);
  const diff = diffVersions(
    JSON.parse(a.entry) as ScriptEntry,
    JSON.parse(b.entry) as ScriptEntry,
    JSON.parse(a.team_ids) as string[],
    JSON.parse(b.team_ids) as string[],
  );
  return c.json({ id, from, to, ...diff }, 200);
});

scriptsRouter.openapi(publishScript, async (c) => {
  const { id } = c.req.valid('param');
  const { version, teamIds } = c.req.valid('json');
  const p = c.var.principal;
  const missingTeams = await unknownTeams(c.var.db, p.orgId, teamIds ?? []);
  if (missingTeams.length)
    return apiError(c, 404, 'not_found', `No team ${missingTeams.join(', ')} in your organisation.`);
  const row = await c.var.db.transaction().execute(async (trx) => {
    const target = await trx
      .selectFrom('scripts')
      .selectAll()
      .where('org_id', '=', p.orgId)
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (!target) return undefined;
    const now = new Date().toISOString();
    const teams = JSON.stringify(teamIds ? [...new Set(teamIds)] : (JSON.parse(target.team_ids) as string[]));
    const entry = JSON.stringify({ ...(JSON.parse(target.entry) as ScriptEntry), status: 'published' });
    // One published version at a time: the one before goes back into history.
    await trx
      .updateTable('scripts')
      .set({ status: 'retired', updated_at: now })
      .where('org_id', '=', p.orgId)
      .where('id', '=', id)
      .where('status', '=', 'published')
      .where('version', '!=', version)
      .execute();
    await trx
      .updateTable('scripts')
      .set({ status: 'published', team_ids: teams, entry, updated_at: now })
      .where('org_id', '=', p.orgId)
      .where('id', '=', id)
      .where('version', '=', version)
      .execute();
    await recordAudit(trx, p, {
      action: 'script.publish',
      targetType: 'script',
      targetId: id,
      details: { version, teamIds: JSON.parse(teams) },
    });
    return { ...target, status: 'published' as const, team_ids: teams, entry, updated_at: now };
  });
  if (!row) return apiError(c, 404, 'not_found', `Script ${id} has no version ${version}.`);
  return c.json(versionOut(row), 200);
});

scriptsRouter.openapi(retireScript, async (c) => {
  const { id } = c.req.valid('param');
  const p = c.var.principal;
  const row = await c.var.db.transaction().execute(async (trx) => {
    const latest = await latestVersion(trx, p.orgId, id);
    if (!latest) return undefined;
    const now = new Date().toISOString();
    await trx
      .updateTable('scripts')
      .set({ status: 'retired', updated_at: now })
      .where('org_id', '=', p.orgId)
      .where('id', '=', id)
      .where('status', '=', 'published')
      .execute();
    await recordAudit(trx, p, { action: 'script.retire', targetType: 'script', targetId: id, details: {} });
    return (await latestVersion(trx, p.orgId, id)) ?? latest;
  });
  if (!row) return apiError(c, 404, 'not_found', `No script ${id}.`);
  return c.json(versionOut(row), 200);
});
