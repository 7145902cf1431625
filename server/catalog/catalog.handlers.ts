import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CatalogResponse } from '../../lib/schema/api';
import { ScriptEntry } from '../../lib/schema/scripts';
import type { AuthenticatedAgent } from '../auth/tokens';
import type { Database } from '../db/schema';

/**
 * The newest published version of each script the agent's team may use. The version is a hash of exactly what
 * is served, so it changes when and only when the agent's catalog does.
 */
export async function catalogFor(db: Kysely<Database>, agent: AuthenticatedAgent): Promise<CatalogResponse> {
  const rows = await db
    .selectFrom('scripts')
    .select(['id', 'version', 'team_ids', 'entry'])
    .where('org_id', '=', agent.org_id)
    .where('status', '=', 'published')
    .orderBy('id')
    .orderBy('version', 'desc')
    .execute();
  const newest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!newest.has(row.id)) newest.set(row.id, row);
  const scripts = [...newest.values()]
    .filter((row) => {
      const teams = JSON.parse(row.team_ids) as string[];
      return teams.length === 0 || (agent.team_id !== null && teams.includes(agent.team_id));
    })
    .map((row) => ScriptEntry.parse(JSON.parse(row.entry)));
  const version = createHash('sha256').update(JSON.stringify(scripts)).digest('base64url').slice(0, 27);
  return { version, scripts };
}

/** Publish scripts (new versions), e.g. from the demo seed or a trainer's import. */
export async function publishScripts(
  db: Kysely<Database>,
  orgId: string,
  entries: ScriptEntry[],
  teamIds: string[] = [],
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const entry of entries) {
      const latest = await trx
        .selectFrom('scripts')
        .select((eb) => eb.fn.max('version').as('version'))
        .where('org_id', '=', orgId)
        .where('id', '=', entry.id)
        .executeTakeFirst();
      const version = Number(latest?.version ?? 0) + 1;
      await trx
        .insertInto('scripts')
        .values({
          org_id: orgId,
          id: entry.id,
          version,
          status: 'published',
          locale: entry.locale,
          team_ids: JSON.stringify(teamIds),
          entry: JSON.stringify({ ...entry, version, status: 'published' }),
          updated_at: now.toISOString(),
        })
        .execute();
    }
  });
}
