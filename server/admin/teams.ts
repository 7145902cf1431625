import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { recordAudit } from '../auth/audit';
import { authenticate, requireRole } from '../auth/middleware';
import { canSeeTeam } from '../auth/principal';
import type { AppEnv } from '../context';
import { apiError } from '../errors';
import { BY_NAME, paginate } from '../pagination';
import { validationHook } from '../validation';
import { createTeam, listTeams, renameTeam, teamMembers } from './routes';
import { teamOut, USER_COLUMNS, userOut } from './rows';

export const teamsRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
teamsRouter.use('/api/v1/teams', authenticate);
teamsRouter.use('/api/v1/teams/*', authenticate);

teamsRouter.openapi(listTeams, async (c) => {
  const p = c.var.principal;
  if (p.role === 'agent') return apiError(c, 403, 'forbidden', 'Agents cannot list teams.');
  let query = c.var.db.selectFrom('teams').selectAll().where('org_id', '=', p.orgId);
  if (!p.allTeams) query = query.where('id', 'in', p.teamIds.length ? [...p.teamIds] : ['']);
  const { rows, next } = await paginate(query, BY_NAME, c.req.valid('query'));
  return c.json({ teams: rows.map(teamOut), next }, 200);
});

teamsRouter.post('/api/v1/teams', requireRole('admin'));
teamsRouter.openapi(createTeam, async (c) => {
  const input = c.req.valid('json');
  const p = c.var.principal;
  const taken = await c.var.db
    .selectFrom('teams')
    .select('id')
    .where('org_id', '=', p.orgId)
    .where('slug', '=', input.slug)
    .executeTakeFirst();
  if (taken)
    return apiError(c, 409, 'conflict', `A team with slug "${input.slug}" exists.`, [
      { path: 'slug', message: 'Taken' },
    ]);
  const team = {
    id: `team_${randomUUID()}`,
    org_id: p.orgId,
    name: input.name,
    slug: input.slug,
    created_at: new Date().toISOString(),
  };
  await c.var.db.transaction().execute(async (trx) => {
    await trx.insertInto('teams').values(team).execute();
    await recordAudit(trx, p, {
      action: 'team.create',
      targetType: 'team',
      targetId: team.id,
      details: { name: team.name, slug: team.slug },
    });
  });
  return c.json(teamOut(team), 201);
});

teamsRouter.patch('/api/v1/teams/:id', requireRole('admin'));
teamsRouter.openapi(renameTeam, async (c) => {
  const { id } = c.req.valid('param');
  const { name } = c.req.valid('json');
  const p = c.var.principal;
  const team = await c.var.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('teams')
      .selectAll()
      .where('id', '=', id)
      .where('org_id', '=', p.orgId)
      .executeTakeFirst();
    if (!before) return undefined;
    await trx.updateTable('teams').set({ name }).where('id', '=', id).execute();
    await recordAudit(trx, p, {
      action: 'team.rename',
      targetType: 'team',
      targetId: id,
      details: { from: before.name, to: name },
    });
    return { ...before, name };
  });
  if (!team) return apiError(c, 404, 'not_found', `No team ${id} in your organisation.`);
  return c.json(teamOut(team), 200);
});

teamsRouter.openapi(teamMembers, async (c) => {
  const { id } = c.req.valid('param');
  const p = c.var.principal;
  if (p.role === 'agent' || p.role === 'trainer')
    return apiError(c, 403, 'forbidden', 'Only admins and the team’s leads can list its members.');
  const team = await c.var.db
    .selectFrom('teams')
    .select('id')
    .where('id', '=', id)
    .where('org_id', '=', p.orgId)
    .executeTakeFirst();
  if (!team) return apiError(c, 404, 'not_found', `No team ${id} in your organisation.`);
  if (!canSeeTeam(p, id)) return apiError(c, 403, 'forbidden', `You do not lead team ${id}.`);
  const { rows, next } = await paginate(
    c.var.db.selectFrom('users').select(USER_COLUMNS).where('team_id', '=', id),
    BY_NAME,
    c.req.valid('query'),
  );
  return c.json({ users: rows.map(userOut), next }, 200);
});
