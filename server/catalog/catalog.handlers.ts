import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { CatalogResponse } from '../../lib/schema/api';
import { OrgSynonyms, ScriptEntry } from '../../lib/schema/scripts';
import type { AuthenticatedAgent } from '../auth/tokens';
import type { Database } from '../db/schema';
import { readScope } from '../rules/rules.store';
import { PRIORS_MAX_AGE_MS, priorsFor } from '../scripts/priors';
import { withReadingCopies } from './reading-copies';

type Catalog = { catalog: CatalogResponse; etag: string };

/**
 * The newest published version of each script the agent's team may use, with the organisation's synonyms and
 * (unless switched off) the learned priors. `version` is a hash of the scripts alone (the extension keys its
 * stored index by it); `etag` also covers synonyms and priors, so any change reaches the extension.
 *
 * Every agent asks every few minutes and almost always gets a 304, so building the answer (parsing each script,
 * reading copies, hashing) is kept for when something changed: a cheap stamp of what the catalog is built from is
 * read on each request, from the database, so a publish on another instance is seen at once too.
 */
export async function catalogFor(db: Kysely<Database>, agent: AuthenticatedAgent, now = new Date()): Promise<Catalog> {
  const stamp = await catalogStamp(db, agent.org_id);
  const key = `${agent.org_id}\u0000${agent.team_id ?? ''}`;
  const cache = cacheOf(db);
  const kept = cache.get(key);
  if (
    kept &&
    kept.stamp === stamp &&
    (kept.priorsFrom === undefined || now.getTime() - kept.priorsFrom < PRIORS_MAX_AGE_MS)
  )
    return kept.answer;
  // One build per change, however many agents ask at that moment.
  const flightKey = `${key}\u0000${stamp}`;
  const builds = buildsOf(db);
  let building = builds.get(flightKey);
  if (!building) {
    building = buildCatalog(db, agent, now).finally(() => builds.delete(flightKey));
    builds.set(flightKey, building);
  }
  const built = await building;
  cache.set(key, { stamp, ...built });
  return built.answer;
}

interface Kept {
  stamp: string;
  answer: Catalog;
  /** When the priors in it were computed (epoch ms); they are recomputed after PRIORS_MAX_AGE_MS. */
  priorsFrom: number | undefined;
}

/** Per database handle: tests run several servers, each on its own database, in one process. */
const caches = new WeakMap<Kysely<Database>, LRUCache<string, Kept>>();
const inFlight = new WeakMap<Kysely<Database>, Map<string, Promise<Omit<Kept, 'stamp'>>>>();

function buildsOf(db: Kysely<Database>): Map<string, Promise<Omit<Kept, 'stamp'>>> {
  let builds = inFlight.get(db);
  if (!builds) {
    builds = new Map();
    inFlight.set(db, builds);
  }
  return builds;
}

function cacheOf(db: Kysely<Database>): LRUCache<string, Kept> {
  let cache = caches.get(db);
  if (!cache) {
    // One entry per team that asked; bounded for organisations with many teams.
    cache = new LRUCache<string, Kept>({ max: 1_000 });
    caches.set(db, cache);
  }
  return cache;
}

/**
 * What changes whenever the catalog may: the organisation's script rows (a publish adds a row, a retire or a
 * republish sets updated_at), its settings (synonyms, learning switch) and its stored priors.
 */
async function catalogStamp(db: Kysely<Database>, orgId: string): Promise<string> {
  const [scripts, settings, priors] = await Promise.all([
    db
      .selectFrom('scripts')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('changed')])
      .where('org_id', '=', orgId)
      .executeTakeFirst(),
    db
      .selectFrom('team_config')
      .select('updated_at')
      .where('org_id', '=', orgId)
      .where('team_id', '=', '')
      .executeTakeFirst(),
    db.selectFrom('script_priors').select('computed_at').where('org_id', '=', orgId).executeTakeFirst(),
  ]);
  return [scripts?.n ?? 0, scripts?.changed ?? '', settings?.updated_at ?? '', priors?.computed_at ?? ''].join('|');
}

async function buildCatalog(db: Kysely<Database>, agent: AuthenticatedAgent, now: Date): Promise<Omit<Kept, 'stamp'>> {
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
  const learned = org.scriptLearning === false ? undefined : await priorsFor(db, agent.org_id, now);
  const priors = learned?.priors ?? [];
  const catalog = { version, scripts, synonyms, priors };
  return {
    answer: { catalog, etag: `"${fingerprint([version, synonyms, priors])}"` },
    priorsFrom: learned ? Date.parse(learned.computedAt) : undefined,
  };
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
