import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, UsersTable } from '../db/schema';
import { hashToken } from './tokens';

/** The console's session cookie: HttpOnly, SameSite=Strict, Secure when served over HTTPS. */
export const SESSION_COOKIE = 'desklens_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Creates a session and returns the secret for the cookie (shown once; only its hash is stored). */
export async function createSession(
  db: Kysely<Database>,
  user: Pick<UsersTable, 'id' | 'org_id'>,
  now = new Date(),
): Promise<{ id: string; secret: string; expiresAt: string }> {
  const id = randomUUID();
  const secret = `dl_session_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  await db
    .insertInto('sessions')
    .values({
      id,
      org_id: user.org_id,
      user_id: user.id,
      secret_hash: hashToken(secret),
      created_at: now.toISOString(),
      expires_at: expiresAt,
      revoked_at: null,
    })
    .execute();
  return { id, secret, expiresAt };
}

/** The user behind a live session secret, or undefined. */
export async function userForSession(db: Kysely<Database>, secret: string, now = new Date()) {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'users.id',
      'users.org_id',
      'users.team_id',
      'users.role',
      'users.email',
      'users.name',
      'sessions.id as sessionId',
      'sessions.expires_at',
      'sessions.revoked_at',
    ])
    .where('sessions.secret_hash', '=', hashToken(secret))
    .where('users.deactivated_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.revoked_at || row.expires_at <= now.toISOString()) return undefined;
  const { expires_at: _expires, revoked_at: _revoked, ...user } = row;
  return user;
}

export async function revokeSession(db: Kysely<Database>, sessionId: string, now = new Date()): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('id', '=', sessionId).execute();
}
