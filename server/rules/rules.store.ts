import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';

type Db = Kysely<Database> | Transaction<Database>;

/** The stored configuration object of the org ('' team) or a team, or {} when none was saved. */
export async function readScope(db: Db, orgId: string, teamId: string): Promise<Record<string, unknown>> {
  const row = await db
    .selectFrom('team_config')
    .select('config')
    .where('org_id', '=', orgId)
    .where('team_id', '=', teamId)
    .executeTakeFirst();
  return row ? (JSON.parse(row.config) as Record<string, unknown>) : {};
}

export async function writeScope(
  db: Db,
  orgId: string,
  teamId: string,
  config: Record<string, unknown>,
  now = new Date(),
) {
  const text = JSON.stringify(config);
  await db
    .insertInto('team_config')
    .values({ org_id: orgId, team_id: teamId, config: text, updated_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['org_id', 'team_id']).doUpdateSet({ config: text, updated_at: now.toISOString() }))
    .execute();
}

/** Every stored scope of the organisation (org row and team rows), for checks that span them. */
export async function allScopes(db: Db, orgId: string) {
  const rows = await db.selectFrom('team_config').select(['team_id', 'config']).where('org_id', '=', orgId).execute();
  return rows.map((row) => ({ teamId: row.team_id, config: JSON.parse(row.config) as Record<string, unknown> }));
}

/** A strong validator of exactly what is stored, for If-Match / If-None-Match. */
export const etagOf = (value: unknown) =>
  `"${createHash('sha256')
    .update(JSON.stringify(value ?? null))
    .digest('base64url')
    .slice(0, 27)}"`;
