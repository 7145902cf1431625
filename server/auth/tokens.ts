import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ApiTokensTable, Database, UsersTable } from '../db/schema';

/** Tokens are 256 random bits; a sha256 of them is enough at rest (no dictionary to attack). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(kind: ApiTokensTable['kind']): string {
  return `dl_${kind === 'agent' ? 'agent' : 'enroll'}_${randomBytes(32).toString('base64url')}`;
}

export async function storeToken(
  db: Kysely<Database>,
  token: string,
  row: Omit<ApiTokensTable, 'id' | 'token_hash' | 'created_at' | 'revoked_at'>,
  now = new Date(),
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('api_tokens')
    .values({ ...row, id, token_hash: hashToken(token), created_at: now.toISOString(), revoked_at: null })
    .execute();
  return id;
}

export type AuthenticatedAgent = Pick<UsersTable, 'id' | 'org_id' | 'team_id' | 'role' | 'email' | 'name'> & {
  tokenId: string;
};

/** The user behind a live (not revoked, not expired) agent token, or undefined. */
export async function agentForToken(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<AuthenticatedAgent | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'users.id',
      'users.org_id',
      'users.team_id',
      'users.role',
      'users.email',
      'users.name',
      'api_tokens.id as tokenId',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
    ])
    .where('api_tokens.token_hash', '=', hashToken(token))
    .where('api_tokens.kind', '=', 'agent')
    .where('users.deactivated_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now.toISOString())) return undefined;
  const { expires_at: _expires, revoked_at: _revoked, ...agent } = row;
  return agent;
}
