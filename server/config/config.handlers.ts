import type { Kysely } from 'kysely';
import { RemoteConfig } from '../../lib/schema/config';
import type { AuthenticatedAgent } from '../auth/tokens';
import type { Database } from '../db/schema';

export const ConfigPatch = RemoteConfig.omit({ orgId: true, teamId: true }).partial();
export type ConfigPatch = ReturnType<typeof ConfigPatch.parse>;

/** The agent's configuration: the org's settings, overridden by their team's. */
export async function configFor(db: Kysely<Database>, agent: AuthenticatedAgent): Promise<RemoteConfig> {
  const rows = await db
    .selectFrom('team_config')
    .select(['team_id', 'config'])
    .where('org_id', '=', agent.org_id)
    .where('team_id', 'in', agent.team_id ? ['', agent.team_id] : [''])
    .execute();
  const org = rows.find((row) => row.team_id === '');
  const team = rows.find((row) => row.team_id !== '');
  const parse = (text?: string) => (text ? ConfigPatch.parse(JSON.parse(text)) : {});
  return RemoteConfig.parse({
    ...parse(org?.config),
    ...parse(team?.config),
    orgId: agent.org_id,
    teamId: agent.team_id ?? undefined,
  });
}

/** Store an org-wide (teamId '') or team configuration, validated first so nothing invalid is kept. */
export async function setConfig(
  db: Kysely<Database>,
  orgId: string,
  teamId: string,
  patch: unknown,
  now = new Date(),
): Promise<ConfigPatch> {
  const config = ConfigPatch.parse(patch);
  await db
    .insertInto('team_config')
    .values({ org_id: orgId, team_id: teamId, config: JSON.stringify(config), updated_at: now.toISOString() })
    .onConflict((oc) =>
      oc.columns(['org_id', 'team_id']).doUpdateSet({ config: JSON.stringify(config), updated_at: now.toISOString() }),
    )
    .execute();
  return config;
}
