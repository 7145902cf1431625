import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ActionProblem } from '../../lib/schema/actions';
import { visibleTeams } from '../alerts/alerts.access';
import { recordAudit } from '../auth/audit';
import { authenticate, requireRole } from '../auth/middleware';
import { canSeeTeam } from '../auth/principal';
import type { AppEnv } from '../context';
import type { ImprovementActionsTable } from '../db/schema';
import { apiError } from '../errors';
import { paginate } from '../pagination';
import { readQualitySettings } from '../quality/quality.store';
import { validationHook } from '../validation';
import { beforeAfter } from './actions.before-after';
import { actionBeforeAfter, createAction, getAction, listActions, updateAction } from './actions.routes';
import { type ActionRow, actionOut, selectActions } from './actions.rows';

export const actionsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
actionsRouter.use('/api/v1/actions', authenticate, requireRole('lead', 'trainer', 'admin'));
actionsRouter.use('/api/v1/actions/*', authenticate, requireRole('lead', 'trainer', 'admin'));
actionsRouter.post('/api/v1/actions', requireRole('lead', 'admin'));
actionsRouter.patch('/api/v1/actions/:id', requireRole('lead', 'admin'));

type ResolvedTeam = { teamId: string | null } | { notFound: string } | { forbidden: string };

/** The team a problem belongs to, checked against the caller: leads act only within the teams they lead. */
async function teamOfProblem(c: Context<AppEnv>, problem: ActionProblem): Promise<ResolvedTeam> {
  const { db, principal } = c.var;
  let teamId: string | null = null;
  if (problem.scopeType === 'team') {
    const team = await db
      .selectFrom('teams')
      .select('id')
      .where('id', '=', problem.scopeId ?? '')
      .where('org_id', '=', principal.orgId)
      .executeTakeFirst();
    if (!team) return { notFound: `No team ${problem.scopeId} in your organisation.` };
    teamId = team.id;
  } else if (problem.scopeType === 'agent') {
    const agent = await db
      .selectFrom('users')
      .select('team_id')
      .where('id', '=', problem.scopeId ?? '')
      .where('org_id', '=', principal.orgId)
      .executeTakeFirst();
    if (!agent) return { notFound: `No user ${problem.scopeId} in your organisation.` };
    teamId = agent.team_id;
  }
  if (principal.allTeams) return { teamId };
  if (!teamId || !canSeeTeam(principal, teamId))
    return { forbidden: 'Leads open actions only for the teams they lead (or their agents).' };
  return { teamId };
}

async function ownerExists(c: Context<AppEnv>, ownerId: string): Promise<boolean> {
  const owner = await c.var.db
    .selectFrom('users')
    .select('id')
    .where('id', '=', ownerId)
    .where('org_id', '=', c.var.principal.orgId)
    .executeTakeFirst();
  return owner !== undefined;
}

async function readAction(c: Context<AppEnv>, id: string): Promise<ActionRow | undefined> {
  return selectActions(c.var.db, c.var.principal.orgId).where('a.id', '=', id).executeTakeFirst();
}

/** A lead sees and manages the actions of the teams they lead; trainers and admins every action. */
const mayRead = (c: Context<AppEnv>, row: ActionRow) =>
  c.var.principal.allTeams || canSeeTeam(c.var.principal, row.team_id);

async function announce(
  c: Context<AppEnv>,
  row: Pick<ImprovementActionsTable, 'id' | 'team_id' | 'status' | 'updated_at'>,
) {
  await c.var.live
    .publish({
      type: 'action',
      orgId: c.var.principal.orgId,
      action: { id: row.id, teamId: row.team_id, status: row.status, updatedAt: row.updated_at },
    })
    .catch(() => undefined);
}

actionsRouter.openapi(listActions, async (c) => {
  const q = c.req.valid('query');
  const { db, principal } = c.var;
  if (q.teamId) {
    const team = await db
      .selectFrom('teams')
      .select('id')
      .where('id', '=', q.teamId)
      .where('org_id', '=', principal.orgId)
      .executeTakeFirst();
    if (!team) return apiError(c, 404, 'not_found', `No team ${q.teamId} in your organisation.`);
    if (!canSeeTeam(principal, q.teamId)) return apiError(c, 403, 'forbidden', `You do not lead team ${q.teamId}.`);
  }
  let query = selectActions(db, principal.orgId);
  const teams = visibleTeams(principal);
  if (teams) query = query.where('a.team_id', 'in', teams.length ? [...teams] : ['']);
  if (q.teamId) query = query.where('a.team_id', '=', q.teamId);
  if (q.status) query = query.where('a.status', '=', q.status);
  if (q.ownerId) query = query.where('a.owner_id', '=', q.ownerId);
  const now = new Date();
  if (q.overdue === true)
    query = query.where('a.status', 'in', ['open', 'in_progress']).where('a.due_at', '<', now.toISOString());
  if (q.overdue === false)
    query = query.where((eb) =>
      eb.or([eb('a.status', 'in', ['done', 'verified']), eb('a.due_at', '>=', now.toISOString())]),
    );
  const { rows, next } = await paginate(query, { columns: ['a.created_at', 'a.id'], direction: 'desc' }, q);
  return c.json({ actions: rows.map((row) => actionOut(row, now)), next }, 200);
});

actionsRouter.openapi(createAction, async (c) => {
  const input = c.req.valid('json');
  const { db, principal } = c.var;
  const team = await teamOfProblem(c, input.problem);
  if ('notFound' in team)
    return apiError(c, 404, 'not_found', team.notFound, [{ path: 'problem.scopeId', message: team.notFound }]);
  if ('forbidden' in team) return apiError(c, 403, 'forbidden', team.forbidden);
  if (!(await ownerExists(c, input.ownerId))) {
    const message = `No user ${input.ownerId} in your organisation.`;
    return apiError(c, 404, 'not_found', message, [{ path: 'ownerId', message }]);
  }
  const now = new Date();
  const settings = await readQualitySettings(db, principal.orgId);
  const row: ImprovementActionsTable = {
    id: `action_${randomUUID()}`,
    org_id: principal.orgId,
    team_id: team.teamId,
    metric: input.problem.metric,
    dimension: input.problem.dimension ?? null,
    scope_type: input.problem.scopeType,
    scope_id: input.problem.scopeId ?? null,
    problem: input.problem.description,
    action: input.action,
    owner_id: input.ownerId,
    planned_date: input.plannedDate ?? null,
    actual_date: input.actualDate ?? null,
    status: input.status ?? 'open',
    evidence_text: input.evidence?.text ?? '',
    evidence_links: JSON.stringify(input.evidence?.links ?? []),
    due_at: input.dueAt
      ? new Date(input.dueAt).toISOString()
      : new Date(now.getTime() + settings.actionDueHours * 3_600_000).toISOString(),
    alert_id: null,
    created_at: now.toISOString(),
    created_by: principal.userId,
    updated_at: now.toISOString(),
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('improvement_actions').values(row).execute();
    await recordAudit(
      trx,
      principal,
      { action: 'improvement_action.create', targetType: 'improvement_action', targetId: row.id, details: { input } },
      now,
    );
  });
  await announce(c, row);
  const created = await readAction(c, row.id);
  return c.json(actionOut(created ?? { ...row, owner_name: null }, now), 201);
});

actionsRouter.openapi(getAction, async (c) => {
  const { id } = c.req.valid('param');
  const row = await readAction(c, id);
  if (!row) return apiError(c, 404, 'not_found', `No improvement action ${id} in your organisation.`);
  if (!mayRead(c, row)) return apiError(c, 403, 'forbidden', `Action ${id} belongs to a team you do not lead.`);
  return c.json(actionOut(row), 200);
});

actionsRouter.openapi(updateAction, async (c) => {
  const { id } = c.req.valid('param');
  const patch = c.req.valid('json');
  const { db, principal } = c.var;
  const before = await readAction(c, id);
  if (!before) return apiError(c, 404, 'not_found', `No improvement action ${id} in your organisation.`);
  if (!mayRead(c, before)) return apiError(c, 403, 'forbidden', `Action ${id} belongs to a team you do not lead.`);
  if (patch.ownerId && !(await ownerExists(c, patch.ownerId))) {
    const message = `No user ${patch.ownerId} in your organisation.`;
    return apiError(c, 404, 'not_found', message, [{ path: 'ownerId', message }]);
  }
  const now = new Date();
  const changes: Partial<ImprovementActionsTable> = {
    ...(patch.problemDescription !== undefined ? { problem: patch.problemDescription } : {}),
    ...(patch.action !== undefined ? { action: patch.action } : {}),
    ...(patch.ownerId !== undefined ? { owner_id: patch.ownerId } : {}),
    ...(patch.plannedDate !== undefined ? { planned_date: patch.plannedDate } : {}),
    ...(patch.actualDate !== undefined ? { actual_date: patch.actualDate } : {}),
    ...(patch.status !== undefined ? { status: patch.status } : {}),
    ...(patch.evidence !== undefined
      ? { evidence_text: patch.evidence.text, evidence_links: JSON.stringify(patch.evidence.links) }
      : {}),
    ...(patch.dueAt !== undefined ? { due_at: new Date(patch.dueAt).toISOString() } : {}),
    updated_at: now.toISOString(),
  };
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('improvement_actions').set(changes).where('id', '=', id).execute();
    await recordAudit(
      trx,
      principal,
      { action: 'improvement_action.update', targetType: 'improvement_action', targetId: id, details: { patch } },
      now,
    );
  });
  const after = (await readAction(c, id)) ?? { ...before, ...changes };
  await announce(c, after);
  return c.json(actionOut(after, now), 200);
});

actionsRouter.openapi(actionBeforeAfter, async (c) => {
  const { id } = c.req.valid('param');
  const { windowDays } = c.req.valid('query');
  const row = await readAction(c, id);
  if (!row) return apiError(c, 404, 'not_found', `No improvement action ${id} in your organisation.`);
  if (!mayRead(c, row)) return apiError(c, 403, 'forbidden', `Action ${id} belongs to a team you do not lead.`);
  return c.json(await beforeAfter(c.var.db, row, windowDays), 200);
});
