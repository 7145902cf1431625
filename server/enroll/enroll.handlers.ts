import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { EnrollRequest, EnrollResponse, IdentityMode, PendingEnrollment } from '../../lib/schema/identity';
import { enrollmentActor, recordAudit } from '../auth/audit';
import { mintBrowserToken, userCoveredByTeam } from '../auth/credentials';
import { hashToken } from '../auth/tokens';
import type { Database, DevicesTable, UsersTable } from '../db/schema';
import { deviceStatus, PENDING_DEVICE_TTL_MS } from '../devices/devices.rows';
import type { Enrollment } from './enroll.gate';

type User = Pick<UsersTable, 'id' | 'org_id' | 'team_id' | 'role' | 'email' | 'name'> & {
  deactivated_at?: string | null;
};

/** Why an email cannot be bound with a team's token; recorded in the audit log only. */
export type RefusalReason = 'deactivated' | 'not_an_agent' | 'other_team' | 'domain_not_allowed' | 'unknown_user';

export async function userByEmail(db: Kysely<Database>, orgId: string, email: string): Promise<User | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'org_id', 'team_id', 'role', 'email', 'name', 'deactivated_at'])
    .where('org_id', '=', orgId)
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}

/**
 * Whether a lead may approve this email for the team: only a new person or an active agent of that very team.
 * Leads, trainers and admins prove themselves by password or SSO, never by someone else's approval.
 */
export function approvalRefusal(user: User | undefined, teamId: string): RefusalReason | undefined {
  if (!user) return undefined;
  if (user.deactivated_at) return 'deactivated';
  if (user.role !== 'agent') return 'not_an_agent';
  if (user.team_id !== teamId) return 'other_team';
  return undefined;
}

export async function auditRefusal(
  db: Kysely<Database>,
  enrollment: Pick<Enrollment, 'orgId' | 'teamId' | 'tokenId'>,
  method: IdentityMode,
  email: string,
  reason: RefusalReason,
  address: string,
): Promise<void> {
  await recordAudit(db, enrollmentActor(enrollment.orgId, enrollment.tokenId), {
    action: 'enroll.refuse',
    targetType: 'email',
    targetId: email.toLowerCase(),
    details: { method, reason, teamId: enrollment.teamId, from: address },
  });
}

/** A pending device for the email the browser reports; a lead of the team or an admin decides. */
export async function requestApproval(
  db: Kysely<Database>,
  enrollment: Enrollment,
  request: EnrollRequest,
  address: string,
  now = new Date(),
): Promise<{ pending: PendingEnrollment } | { refused: RefusalReason } | { conflict: true }> {
  const email = request.agent.email.toLowerCase();
  const refused = approvalRefusal(await userByEmail(db, enrollment.orgId, email), enrollment.teamId);
  if (refused) {
    await auditRefusal(db, enrollment, 'approval', email, refused, address);
    return { refused };
  }
  const secretHash = hashToken(request.deviceSecret);
  const same = await db.selectFrom('devices').selectAll().where('secret_hash', '=', secretHash).executeTakeFirst();
  if (same) {
    // The browser asking again after a lost answer gets the same request; a secret reused for anything else is refused.
    if (same.email === email && same.team_id === enrollment.teamId && deviceStatus(same, now) === 'pending')
      return { pending: pendingOut(same) };
    return { conflict: true };
  }
  const device: DevicesTable = {
    id: `device_${randomUUID()}`,
    org_id: enrollment.orgId,
    team_id: enrollment.teamId,
    method: 'approval',
    status: 'pending',
    email,
    name: request.agent.name ?? null,
    helpdesk_user_id: request.agent.helpdeskUserId ?? null,
    user_id: null,
    secret_hash: secretHash,
    enrollment_token_id: enrollment.tokenId,
    token_id: null,
    requested_at: now.toISOString(),
    requested_from: address,
    expires_at: new Date(now.getTime() + PENDING_DEVICE_TTL_MS).toISOString(),
    decided_by: null,
    decided_at: null,
    reason: null,
    claimed_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('devices').values(device).execute();
    await recordAudit(
      trx,
      enrollmentActor(enrollment.orgId, enrollment.tokenId),
      {
        action: 'enroll.request',
        targetType: 'device',
        targetId: device.id,
        details: { email, teamId: enrollment.teamId, helpdeskUserId: device.helpdesk_user_id, from: address },
      },
      now,
    );
  });
  return { pending: pendingOut(device) };
}

const pendingOut = (device: DevicesTable): PendingEnrollment => ({
  status: 'pending',
  deviceId: device.id,
  email: device.email,
  teamId: device.team_id,
  expiresAt: device.expires_at ?? '',
});

export type ClaimOutcome =
  | { kind: 'unknown' }
  | { kind: 'pending'; pending: PendingEnrollment }
  | { kind: 'expired' }
  | { kind: 'refused'; status: 'rejected' | 'revoked'; reason: string | null }
  | { kind: 'issued'; value: EnrollResponse };

/**
 * The browser asks whether its request was approved, proving it is the browser that asked with its secret. Once
 * approved, each claim issues a new token and revokes the one issued before, so a browser that lost the answer
 * can ask again, and a device has one working token at most.
 */
export async function claimDevice(
  db: Kysely<Database>,
  deviceId: string,
  deviceSecret: string,
  now = new Date(),
): Promise<ClaimOutcome> {
  const device = await db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirst();
  const given = Buffer.from(hashToken(deviceSecret));
  if (!device?.secret_hash || !timingSafeEqual(Buffer.from(device.secret_hash), given)) return { kind: 'unknown' };
  const status = deviceStatus(device, now);
  if (status === 'pending') return { kind: 'pending', pending: pendingOut(device) };
  if (status === 'expired') return { kind: 'expired' };
  if (status === 'rejected' || status === 'revoked') return { kind: 'refused', status, reason: device.reason };
  return db.transaction().execute(async (trx): Promise<ClaimOutcome> => {
    const user = device.user_id
      ? await trx
          .selectFrom('users')
          .select(['id', 'org_id', 'team_id', 'role', 'email', 'name', 'deactivated_at'])
          .where('id', '=', device.user_id)
          .executeTakeFirst()
      : undefined;
    // Approved, then deactivated or moved to another team before the browser came back: nothing is issued.
    if (!user || user.deactivated_at || !(await userCoveredByTeam(trx, user, device.team_id))) {
      await trx
        .updateTable('devices')
        .set({ status: 'revoked', reason: 'the person left the team or was deactivated' })
        .where('id', '=', device.id)
        .execute();
      return { kind: 'refused', status: 'revoked', reason: 'the person left the team or was deactivated' };
    }
    if (device.token_id)
      await trx
        .updateTable('api_tokens')
        .set({ revoked_at: now.toISOString() })
        .where('id', '=', device.token_id)
        .where('revoked_at', 'is', null)
        .execute();
    const token = await mintBrowserToken(
      trx,
      {
        orgId: device.org_id,
        teamId: device.team_id,
        userId: user.id,
        deviceId: device.id,
        label: `Browser approved for ${user.email}`,
      },
      now,
    );
    await recordAudit(
      trx,
      enrollmentActor(device.org_id, device.enrollment_token_id),
      {
        action: 'enroll.claim',
        targetType: 'device',
        targetId: device.id,
        details: { userId: user.id, teamId: device.team_id, replacedToken: device.token_id },
      },
      now,
    );
    return { kind: 'issued', value: issued(token, user, device.org_id, device.team_id, device.id, 'approval') };
  });
}

export const issued = (
  token: string,
  user: Pick<User, 'id' | 'email' | 'name'>,
  orgId: string,
  teamId: string,
  deviceId: string,
  method: IdentityMode,
): EnrollResponse => ({
  token,
  agent: { id: user.id, email: user.email, name: user.name },
  orgId,
  teamId,
  deviceId,
  method,
});

/**
 * A device bound to a person who proved who they are (password, SSO), with its token, in one transaction with
 * its audit row.
 */
export async function bindProvenDevice(
  db: Kysely<Database>,
  enrollment: Pick<Enrollment, 'orgId' | 'teamId' | 'tokenId'>,
  user: Pick<User, 'id' | 'email' | 'name' | 'role'>,
  method: 'password' | 'sso',
  address: string,
  now = new Date(),
): Promise<EnrollResponse> {
  return db.transaction().execute(async (trx) => {
    const deviceId = `device_${randomUUID()}`;
    await trx
      .insertInto('devices')
      .values({
        id: deviceId,
        org_id: enrollment.orgId,
        team_id: enrollment.teamId,
        method,
        status: 'approved',
        email: user.email,
        name: user.name,
        helpdesk_user_id: null,
        user_id: user.id,
        secret_hash: null,
        enrollment_token_id: enrollment.tokenId,
        token_id: null,
        requested_at: now.toISOString(),
        requested_from: address,
        expires_at: null,
        decided_by: user.id,
        decided_at: now.toISOString(),
        reason: null,
        claimed_at: null,
      })
      .execute();
    const token = await mintBrowserToken(
      trx,
      {
        orgId: enrollment.orgId,
        teamId: enrollment.teamId,
        userId: user.id,
        deviceId,
        label: `Browser signed in with ${method === 'sso' ? 'SSO' : 'password'}`,
      },
      now,
    );
    await recordAudit(
      trx,
      { userId: user.id, orgId: enrollment.orgId, role: user.role },
      {
        action: `enroll.${method}`,
        targetType: 'device',
        targetId: deviceId,
        details: { teamId: enrollment.teamId, from: address },
      },
      now,
    );
    return issued(token, user, enrollment.orgId, enrollment.teamId, deviceId, method);
  });
}
