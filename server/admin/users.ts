import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { recordAudit } from '../auth/audit';
import { endUserCredentials } from '../auth/credentials';
import { authenticate, requireRole } from '../auth/middleware';
import { hashPassword } from '../auth/passwords';
import type { AppEnv } from '../context';
import type { Database, UsersTable } from '../db/schema';
import { apiError } from '../errors';
import { BY_NAME, paginate } from '../pagination';
import { validationHook } from '../validation';
import { createUser, listUsers, setLeadTeams, updateUser } from './routes';
import { USER_COLUMNS, userOut } from './rows';

export const usersRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
usersRouter.use('/api/v1/users', authenticate, requireRole('admin'));
usersRouter.use('/api/v1/users/*', authenticate, requireRole('admin'));

async function teamInOrg(db: Kysely<Database>, orgId: string, teamId: string | null | undefined) {
  if (!teamId) return true;
  return Boolean(
    await db.selectFrom('teams').select('id').where('id', '=', teamId).where('org_id', '=', orgId).executeTakeFirst(),
  );
}

usersRouter.openapi(listUsers, async (c) => {
  const { rows, next } = await paginate(
    c.var.db.selectFrom('users').select(USER_COLUMNS).where('org_id', '=', c.var.principal.orgId),
    BY_NAME,
    c.req.valid('query'),
  );
  // The console's lead-teams choice starts from what is stored; one query for the page's leads.
  const leadIds = rows.filter((r) => r.role === 'lead').map((r) => r.id);
  const led = leadIds.length
    ? await c.var.db.selectFrom('team_leads').select(['user_id', 'team_id']).where('user_id', 'in', leadIds).execute()
    : [];
  const users = rows.map((r) => {
    const user = userOut(r);
    if (r.role !== 'lead') return user;
    return { ...user, leadTeamIds: led.filter((l) => l.user_id === r.id).map((l) => l.team_id) };
  });
  return c.json({ users, next }, 200);
});

usersRouter.openapi(createUser, async (c) => {
  const input = c.req.valid('json');
  const p = c.var.principal;
  if (!(await teamInOrg(c.var.db, p.orgId, input.teamId)))
    return apiError(c, 400, 'invalid_request', 'Unknown team', [
      { path: 'teamId', message: `No team ${input.teamId} in your organisation` },
    ]);
  const email = input.email.toLowerCase();
  const taken = await c.var.db
    .selectFrom('users')
    .select('id')
    .where('org_id', '=', p.orgId)
    .where('email', '=', email)
    .executeTakeFirst();
  if (taken)
    return apiError(c, 409, 'conflict', `A user with email ${email} exists.`, [{ path: 'email', message: 'Taken' }]);
  const user: UsersTable = {
    id: `user_${randomUUID()}`,
    org_id: p.orgId,
    team_id: input.teamId,
    email,
    name: input.name,
    role: input.role,
    password_hash: input.password ? await hashPassword(input.password) : null,
    created_at: new Date().toISOString(),
    deactivated_at: null,
  };
  await c.var.db.transaction().execute(async (trx) => {
    await trx.insertInto('users').values(user).execute();
    await recordAudit(trx, p, {
      action: 'user.create',
      targetType: 'user',
      targetId: user.id,
      details: { email, role: user.role, teamId: user.team_id, consoleAccess: Boolean(user.password_hash) },
    });
  });
  return c.json(userOut(user), 201);
});

usersRouter.openapi(updateUser, async (c) => {
  const { id } = c.req.valid('param');
  const patch = c.req.valid('json');
  const p = c.var.principal;
  if (id === p.userId && ((patch.role && patch.role !== 'admin') || patch.deactivated))
    return apiError(c, 409, 'conflict', 'You cannot demote or deactivate yourself; ask another admin.');
  if (!(await teamInOrg(c.var.db, p.orgId, patch.teamId)))
    return apiError(c, 400, 'invalid_request', 'Unknown team', [
      { path: 'teamId', message: `No team ${patch.teamId} in your organisation` },
    ]);
  const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
  const updated = await c.var.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('users')
      .select(USER_COLUMNS)
      .where('id', '=', id)
      .where('org_id', '=', p.orgId)
      .executeTakeFirst();
    if (!before) return undefined;
    const now = new Date().toISOString();
    const changes: Partial<UsersTable> = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.teamId !== undefined ? { team_id: patch.teamId } : {}),
      ...(passwordHash ? { password_hash: passwordHash } : {}),
      ...(patch.deactivated !== undefined
        ? { deactivated_at: patch.deactivated ? (before.deactivated_at ?? now) : null }
        : {}),
    };
    await trx.updateTable('users').set(changes).where('id', '=', id).execute();
    // A new password, a deactivation or a reactivation ends every session, token and bound browser the user had:
    // whoever held one must prove who they are again (a reactivated user's old tokens never come back to life).
    const reactivated = patch.deactivated === false && Boolean(before.deactivated_at);
    if (passwordHash || patch.deactivated || reactivated) await endUserCredentials(trx, id, new Date(now));
    if (patch.role !== undefined && patch.role !== 'lead')
      await trx.deleteFrom('team_leads').where('user_id', '=', id).execute();
    const { password: _secret, ...audited } = patch;
    await recordAudit(trx, p, {
      action: patch.deactivated ? 'user.deactivate' : reactivated ? 'user.reactivate' : 'user.update',
      targetType: 'user',
      targetId: id,
      details: { ...audited, ...(passwordHash ? { passwordChanged: true } : {}) },
    });
    return { ...before, ...changes };
  });
  if (!updated) return apiError(c, 404, 'not_found', `No user ${id} in your organisation.`);
  return c.json(userOut(updated), 200);
});

usersRouter.openapi(setLeadTeams, async (c) => {
  const { id } = c.req.valid('param');
  const { teamIds } = c.req.valid('json');
  const p = c.var.principal;
  const user = await c.var.db
    .selectFrom('users')
    .select(['id', 'role'])
    .where('id', '=', id)
    .where('org_id', '=', p.orgId)
    .executeTakeFirst();
  if (!user) return apiError(c, 404, 'not_found', `No user ${id} in your organisation.`);
  if (user.role !== 'lead') return apiError(c, 409, 'conflict', `User ${id} is a ${user.role}, not a lead.`);
  const unique = [...new Set(teamIds)];
  const known = unique.length
    ? await c.var.db.selectFrom('teams').select('id').where('org_id', '=', p.orgId).where('id', 'in', unique).execute()
    : [];
  const missing = unique.filter((t) => !known.some((k) => k.id === t));
  if (missing.length)
    return apiError(
      c,
      404,
      'not_found',
      `No team ${missing.join(', ')} in your organisation.`,
      missing.map((t) => ({ path: 'teamIds', message: `Unknown team ${t}` })),
    );
  await c.var.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('team_leads').where('user_id', '=', id).execute();
    if (unique.length)
      await trx
        .insertInto('team_leads')
        .values(unique.map((team_id) => ({ org_id: p.orgId, user_id: id, team_id })))
        .execute();
    await recordAudit(trx, p, {
      action: 'user.lead_teams',
      targetType: 'user',
      targetId: id,
      details: { teamIds: unique },
    });
  });
  return c.json({ teamIds: unique }, 200);
});
