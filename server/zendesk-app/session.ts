import type { Kysely } from 'kysely';
import { recordAudit } from '../auth/audit';
import { hashToken, newToken, storeToken } from '../auth/tokens';
import type { Database, Role } from '../db/schema';
import { keyForAccount } from './settings';
import { accountOfToken, verifyZafToken, ZafTokenRefused } from './verify';

/** How long the sidebar's own agent token lives: a working day; the next sidebar load opens a new one. */
export const APP_SESSION_HOURS = 8;

export interface AppSession {
  token: string;
  expiresAt: string;
  agent: { name: string; email: string; role: Role };
}

export type SessionOutcome =
  | { session: AppSession }
  | { refused: { status: 401 | 403; code: string; message: string } };

/**
 * Exchanges Zendesk's signed sidebar token for an agent token of the DeskLens user that Zendesk user is linked to:
 * what the app then captures is credited to that agent, and to nobody else. Each signed token opens one session
 * (a copy replayed later is refused); every session and every refusal of a known account is in the audit log.
 */
export async function openAppSession(
  db: Kysely<Database>,
  zafToken: string,
  context: { address: string },
  now = new Date(),
): Promise<SessionOutcome> {
  let subdomain: string;
  try {
    subdomain = accountOfToken(zafToken);
  } catch (problem) {
    if (problem instanceof ZafTokenRefused) return { refused: { status: 401, ...plain(problem) } };
    throw problem;
  }
  const key = await keyForAccount(db, subdomain);
  if (!key)
    return {
      refused: {
        status: 403,
        code: 'zendesk_app_not_configured',
        message: `No DeskLens organisation has set up the Zendesk app key for ${subdomain}.zendesk.com; an admin sets it (docs/admin/zendesk-app.md).`,
      },
    };
  const refuse = async (status: 401 | 403, code: string, message: string, details: Record<string, unknown>) => {
    await recordAudit(
      db,
      { userId: `zendesk:${subdomain}`, orgId: key.orgId, role: 'enrollment' },
      {
        action: 'zendesk_app.session_refused',
        targetType: 'zendesk_account',
        targetId: subdomain,
        details: { code, address: context.address, ...details },
      },
      now,
    );
    return { refused: { status, code, message } } as const;
  };
  let identity: Awaited<ReturnType<typeof verifyZafToken>>;
  try {
    identity = await verifyZafToken(zafToken, key, now);
  } catch (problem) {
    if (!(problem instanceof ZafTokenRefused)) throw problem;
    return refuse(401, problem.code, problem.message, { reason: problem.message });
  }
  const user = await db
    .selectFrom('zendesk_agents')
    .innerJoin('users', 'users.id', 'zendesk_agents.user_id')
    .select([
      'users.id',
      'users.org_id',
      'users.team_id',
      'users.role',
      'users.email',
      'users.name',
      'users.deactivated_at',
    ])
    .where('zendesk_agents.org_id', '=', key.orgId)
    .where('zendesk_agents.zendesk_user_id', '=', identity.zendeskUserId)
    .executeTakeFirst();
  const who = { zendeskUserId: identity.zendeskUserId, installationId: identity.installationId };
  if (!user)
    return refuse(
      403,
      'zendesk_user_not_linked',
      `Zendesk user ${identity.zendeskUserId} is not linked to a DeskLens user; an admin links Zendesk agents to DeskLens users by email.`,
      who,
    );
  if (user.deactivated_at)
    return refuse(403, 'user_deactivated', `The DeskLens user ${user.email} is deactivated.`, {
      ...who,
      userId: user.id,
    });
  if (!user.team_id)
    return refuse(
      403,
      'user_without_team',
      `The DeskLens user ${user.email} is in no team; an admin adds them to one.`,
      {
        ...who,
        userId: user.id,
      },
    );
  // One session per signed token: a copy of someone's token, replayed, opens nothing.
  const used = await db
    .insertInto('zendesk_app_token_uses')
    .values({ token_hash: hashToken(zafToken), org_id: key.orgId, expires_at: identity.expiresAt.toISOString() })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .executeTakeFirst();
  if (Number(used.numInsertedOrUpdatedRows ?? 0n) === 0)
    return refuse(401, 'zendesk_token_used', 'This Zendesk app token was already used; reload the app.', {
      ...who,
      userId: user.id,
    });
  await db.deleteFrom('zendesk_app_token_uses').where('expires_at', '<', now.toISOString()).execute();
  const token = newToken('agent');
  const expiresAt = new Date(now.getTime() + APP_SESSION_HOURS * 3600_000).toISOString();
  await db.transaction().execute(async (trx) => {
    const tokenId = await storeToken(
      trx,
      token,
      {
        org_id: user.org_id,
        user_id: user.id,
        team_id: user.team_id,
        kind: 'agent',
        label: `Zendesk app (${subdomain}, Zendesk user ${identity.zendeskUserId})`,
        expires_at: expiresAt,
      },
      now,
    );
    await recordAudit(
      trx,
      { userId: user.id, orgId: user.org_id, role: user.role },
      {
        action: 'zendesk_app.session',
        targetType: 'token',
        targetId: tokenId,
        details: { ...who, address: context.address, expiresAt },
      },
      now,
    );
  });
  return { session: { token, expiresAt, agent: { name: user.name, email: user.email, role: user.role } } };
}

const plain = (problem: ZafTokenRefused) => ({ code: problem.code, message: problem.message });
