import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { recordAudit } from '../auth/audit';
import { authenticate, requireRole } from '../auth/middleware';
import { canSeeTeam } from '../auth/principal';
import type { AppEnv } from '../context';
import type { DevicesTable } from '../db/schema';
import { approvalRefusal, userByEmail } from '../enroll/enroll.handlers';
import { apiError } from '../errors';
import { paginate } from '../pagination';
import { validationHook } from '../validation';
import { approveDevice, listDevices, rejectDevice, revokeDevice } from './devices.routes';
import { deviceOut, deviceStatus } from './devices.rows';

export const devicesRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
devicesRouter.use('/api/v1/devices', authenticate, requireRole('lead', 'admin'));
devicesRouter.use('/api/v1/devices/*', authenticate, requireRole('lead', 'admin'));

/** Whether each email is already a user of the organisation, for the approver's "new person" hint. */
async function knownEmails(c: Context<AppEnv>, emails: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const rows = await c.var.db
    .selectFrom('users')
    .select('email')
    .where('org_id', '=', c.var.principal.orgId)
    .where('email', 'in', [...new Set(emails)])
    .execute();
  return new Set(rows.map((row) => row.email));
}

devicesRouter.openapi(listDevices, async (c) => {
  const q = c.req.valid('query');
  const p = c.var.principal;
  if (q.teamId) {
    const team = await c.var.db
      .selectFrom('teams')
      .select('id')
      .where('id', '=', q.teamId)
      .where('org_id', '=', p.orgId)
      .executeTakeFirst();
    if (!team) return apiError(c, 404, 'not_found', `No team ${q.teamId} in your organisation.`);
    if (!canSeeTeam(p, q.teamId)) return apiError(c, 403, 'forbidden', `You do not lead team ${q.teamId}.`);
  }
  const now = new Date();
  let query = c.var.db.selectFrom('devices').selectAll().where('org_id', '=', p.orgId);
  if (q.teamId) query = query.where('team_id', '=', q.teamId);
  else if (!p.allTeams) query = query.where('team_id', 'in', p.teamIds.length ? [...p.teamIds] : ['']);
  // Pending and expired are one stored status told apart by time.
  if (q.status === 'pending') query = query.where('status', '=', 'pending').where('expires_at', '>', now.toISOString());
  else if (q.status === 'expired')
    query = query.where('status', '=', 'pending').where('expires_at', '<=', now.toISOString());
  else if (q.status) query = query.where('status', '=', q.status);
  const { rows, next } = await paginate(query, { columns: ['requested_at', 'id'], direction: 'desc' }, q);
  const known = await knownEmails(
    c,
    rows.map((row) => row.email),
  );
  return c.json({ devices: rows.map((row) => deviceOut(row, known.has(row.email), now)), next }, 200);
});

type Decision = 'approve' | 'reject' | 'revoke';
const ALLOWED_FROM: Record<Decision, readonly string[]> = {
  approve: ['pending'],
  reject: ['pending'],
  revoke: ['approved', 'pending'],
};

/**
 * One decision on one device, by a lead of its team or an admin, written with its audit row. Approving re-checks
 * the email now (the person may have moved or been deactivated since the browser asked) and creates a new person
 * as an agent of the team.
 */
async function decide(c: Context<AppEnv>, id: string, decision: Decision, reason: string | undefined) {
  const p = c.var.principal;
  const now = new Date();
  const device = await c.var.db
    .selectFrom('devices')
    .selectAll()
    .where('id', '=', id)
    .where('org_id', '=', p.orgId)
    .executeTakeFirst();
  if (!device) return { status: 404 as const, message: `No device ${id} in your organisation.` };
  if (!canSeeTeam(p, device.team_id))
    return { status: 403 as const, message: `You do not lead team ${device.team_id}.` };
  const status = deviceStatus(device, now);
  if (!ALLOWED_FROM[decision].includes(status))
    return { status: 409 as const, message: `This device is ${status}; it cannot be ${decision}d.` };
  return c.var.db.transaction().execute(async (trx) => {
    const changes: Partial<DevicesTable> = {
      decided_by: p.userId,
      decided_at: now.toISOString(),
      reason: reason ?? null,
      status: decision === 'approve' ? 'approved' : decision === 'reject' ? 'rejected' : 'revoked',
    };
    if (decision === 'approve') {
      const user = await userByEmail(trx, p.orgId, device.email);
      const refused = approvalRefusal(user, device.team_id);
      if (refused)
        return {
          status: 409 as const,
          message: `${device.email} cannot be enrolled in this team (${refused.replaceAll('_', ' ')}); reject the request instead.`,
        };
      let userId = user?.id;
      if (!userId) {
        userId = `user_${randomUUID()}`;
        await trx
          .insertInto('users')
          .values({
            id: userId,
            org_id: p.orgId,
            team_id: device.team_id,
            email: device.email,
            name: device.name ?? device.email,
            role: 'agent',
            password_hash: null,
            created_at: now.toISOString(),
            deactivated_at: null,
          })
          .execute();
        await recordAudit(
          trx,
          p,
          {
            action: 'user.create',
            targetType: 'user',
            targetId: userId,
            details: { email: device.email, role: 'agent', teamId: device.team_id, by: 'device approval' },
          },
          now,
        );
      }
      changes.user_id = userId;
    }
    if (decision === 'revoke' && device.token_id)
      await trx
        .updateTable('api_tokens')
        .set({ revoked_at: now.toISOString() })
        .where('id', '=', device.token_id)
        .where('revoked_at', 'is', null)
        .execute();
    await trx.updateTable('devices').set(changes).where('id', '=', id).execute();
    await recordAudit(
      trx,
      p,
      {
        action: `device.${decision}`,
        targetType: 'device',
        targetId: id,
        details: { email: device.email, teamId: device.team_id, method: device.method, reason: reason ?? null },
      },
      now,
    );
    const known = Boolean(changes.user_id ?? (await userByEmail(trx, p.orgId, device.email)));
    return { status: 200 as const, device: deviceOut({ ...device, ...changes }, known, now) };
  });
}

for (const [route, decision] of [
  [approveDevice, 'approve'],
  [rejectDevice, 'reject'],
  [revokeDevice, 'revoke'],
] as const) {
  devicesRouter.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json') as { reason?: string } | undefined;
    const outcome = await decide(c, id, decision, body?.reason);
    if (outcome.status === 200) {
      c.var.deps.logger.info({ device: id, by: c.var.principal.userId }, `device ${decision}d`);
      return c.json(outcome.device, 200);
    }
    const code = outcome.status === 404 ? 'not_found' : outcome.status === 403 ? 'forbidden' : 'conflict';
    return apiError(c, outcome.status, code, outcome.message);
  });
}
