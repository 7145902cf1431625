import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CatalogResponse } from '../../lib/schema/api';
import { OrgSynonyms, ScriptEntry } from '../../lib/schema/scripts';
import type { AuthenticatedAgent } from '../auth/tokens';
import type { Database } from '../db/schema';
import { readScope } from '../rules/rules.store';
import { priorsFor } from '../scripts/priors';
import { withReadingCopies } from './reading-copies';

/**
 * The newest published version of each script the agent's team may use, with the organisation's synonyms and
 * (unless switched off) the learned priors. `version` is a hash of the scripts alone (the extension keys its
 * stored index by it); `etag` also covers synonyms and priors, so any change reaches the extension.
 */
export async function catalogFor(
  db: Kysely<Database>,
  agent: AuthenticatedAgent,
  now = new Date(),
): Promise<{ catalog: CatalogResponse; etag: string }> {
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
  const published = [...newest.values()]
    .filter((row) => {
      const teams = JSON.parse(row.team_ids) as string[];
      return teams.length === 0 || (agent.team_id !== null && teams.includes(agent.team_id));
    })
    .map((row) => ScriptEntry.parse(JSON.parse(row.entry)));
  const scripts = withReadingCopies(published);
  const version = fingerprint(scripts);
  const org = await readScope(db, agent.org_id, '');
  // Stored by the rules API after validation; parsed again so a hand-edited row cannot break every agent.
  const synonyms = OrgSynonyms.safeParse(org.scriptSynonyms ?? []).data ?? [];
  const priors = org.scriptLearning === false ? [] : (await priorsFor(db, agent.org_id, now)).priors;
  const catalog = { version, scripts, synonyms, priors };
  return { catalog, etag: `"${fingerprint([version, synonyms, priors])}"` };
}

const fingerprint = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 27);

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
