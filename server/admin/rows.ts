import type { ApiTokensTable, TeamsTable, UsersTable } from '../db/schema';

/** Database rows as the API shows them (never password hashes or token hashes). */
export const teamOut = (t: Pick<TeamsTable, 'id' | 'name' | 'slug' | 'created_at'>) => ({
  id: t.id,
  name: t.name,
  slug: t.slug,
  createdAt: t.created_at,
});

export const userOut = (
  u: Pick<UsersTable, 'id' | 'email' | 'name' | 'role' | 'team_id' | 'created_at' | 'deactivated_at'>,
) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  teamId: u.team_id,
  deactivated: Boolean(u.deactivated_at),
  createdAt: u.created_at,
});

export const tokenOut = (t: Omit<ApiTokensTable, 'token_hash' | 'org_id'>) => ({
  id: t.id,
  kind: t.kind,
  userId: t.user_id,
  teamId: t.team_id,
  label: t.label,
  createdAt: t.created_at,
  expiresAt: t.expires_at,
  revokedAt: t.revoked_at,
});

export const USER_COLUMNS = ['id', 'email', 'name', 'role', 'team_id', 'created_at', 'deactivated_at'] as const;
export const TOKEN_COLUMNS = [
  'id',
  'kind',
  'user_id',
  'team_id',
  'label',
  'created_at',
  'expires_at',
  'revoked_at',
] as const;
