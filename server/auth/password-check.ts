import type { Context } from 'hono';
import type { AppEnv } from '../context';
import type { UsersTable } from '../db/schema';
import { apiError } from '../errors';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './passwords';

export type PasswordUser = Pick<UsersTable, 'id' | 'org_id' | 'team_id' | 'role' | 'email' | 'name'>;

export type PasswordRefusal =
  | { status: 400; code: 'invalid_request'; message: string; issues: { path: string; message: string }[] }
  | { status: 401; code: 'invalid_credentials'; message: string }
  | { status: 429; code: 'rate_limited'; message: string; retryAfter: number };

/**
 * Checks an email and password for console sign-in and password enrollment alike: refused before any hashing when
 * this account or address has failed too often (docs/operations.md, sign-in limits); a wrong password and an
 * unknown email cost the same time and get the same answer; a hash made at a lower cost is replaced on success.
 */
export async function checkPassword(
  c: Context<AppEnv>,
  input: { email: string; password: string; orgId?: string },
): Promise<{ user: PasswordUser } | { refusal: PasswordRefusal }> {
  const email = input.email.toLowerCase();
  const address = c.var.clientAddress;
  const guard = c.var.signInGuard;
  const wait = await guard.waitFor(email, address);
  if (wait > 0)
    return {
      refusal: {
        status: 429,
        code: 'rate_limited',
        message: 'Too many failed sign-ins; wait a few minutes and try again.',
        retryAfter: wait,
      },
    };
  let query = c.var.db
    .selectFrom('users')
    .select(['id', 'org_id', 'team_id', 'role', 'email', 'name', 'password_hash'])
    .where('email', '=', email)
    .where('deactivated_at', 'is', null);
  if (input.orgId) query = query.where('org_id', '=', input.orgId);
  const users = await query.execute();
  if (users.length > 1)
    return {
      refusal: {
        status: 400,
        code: 'invalid_request',
        message: 'This email belongs to several organisations; give orgId.',
        issues: [{ path: 'orgId', message: 'Required for this email' }],
      },
    };
  const found = users[0];
  const stored = found?.password_hash ?? (await decoyHash());
  const ok = await verifyPassword(input.password, stored);
  if (!found?.password_hash || !ok) {
    await guard.failed(email, address);
    return { refusal: { status: 401, code: 'invalid_credentials', message: 'Wrong email or password.' } };
  }
  await guard.succeeded(email, address);
  if (needsRehash(found.password_hash)) {
    const upgraded = await hashPassword(input.password);
    // Only if nobody changed the password meanwhile.
    await c.var.db
      .updateTable('users')
      .set({ password_hash: upgraded })
      .where('id', '=', found.id)
      .where('password_hash', '=', found.password_hash)
      .execute();
  }
  const { password_hash: _hash, ...user } = found;
  return { user };
}

/** The API's answer for a refused password check. */
export function refusePassword(c: Context<AppEnv>, refusal: PasswordRefusal) {
  if (refusal.status === 429) {
    c.header('retry-after', String(refusal.retryAfter));
    return apiError(c, 429, refusal.code, refusal.message);
  }
  if (refusal.status === 400) return apiError(c, 400, refusal.code, refusal.message, refusal.issues);
  return apiError(c, 401, refusal.code, refusal.message);
}
