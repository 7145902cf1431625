import type { Kysely } from 'kysely';
import type { IdentityMode, IdentitySettingsInput, OidcSettings } from '../../lib/schema/identity';
import type { Database } from '../db/schema';

export interface StoredIdentitySettings {
  preferredMode: IdentityMode;
  allowedModes: IdentityMode[];
  oidc: (OidcSettings & { clientSecret: string | null }) | null;
  updatedAt: string | null;
}

/**
 * Until an admin chooses, browsers ask for approval (nothing else can prove who they are without set-up) and
 * console users may sign their browser in with their password.
 */
export const DEFAULT_IDENTITY_SETTINGS: StoredIdentitySettings = {
  preferredMode: 'approval',
  allowedModes: ['approval', 'password'],
  oidc: null,
  updatedAt: null,
};

export async function readIdentitySettings(db: Kysely<Database>, orgId: string): Promise<StoredIdentitySettings> {
  const row = await db.selectFrom('identity_settings').selectAll().where('org_id', '=', orgId).executeTakeFirst();
  if (!row) return DEFAULT_IDENTITY_SETTINGS;
  return {
    preferredMode: row.preferred_mode,
    allowedModes: JSON.parse(row.allowed_modes) as IdentityMode[],
    oidc: row.oidc ? { ...(JSON.parse(row.oidc) as OidcSettings), clientSecret: row.oidc_client_secret } : null,
    updatedAt: row.updated_at,
  };
}

/** Stores the settings; a missing client secret keeps the one stored before (it is never sent back). */
export async function writeIdentitySettings(
  db: Kysely<Database>,
  orgId: string,
  input: IdentitySettingsInput,
  now = new Date(),
): Promise<void> {
  const before = await readIdentitySettings(db, orgId);
  const { clientSecret, ...oidc } = input.oidc ?? { clientSecret: undefined };
  const secret = input.oidc ? (clientSecret ?? before.oidc?.clientSecret ?? null) : null;
  const row = {
    preferred_mode: input.preferredMode,
    allowed_modes: JSON.stringify([...new Set(input.allowedModes)]),
    oidc: input.oidc ? JSON.stringify(oidc) : null,
    oidc_client_secret: secret,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('identity_settings')
    .values({ org_id: orgId, ...row })
    .onConflict((oc) => oc.column('org_id').doUpdateSet(row))
    .execute();
}
