import { type Kysely, sql } from 'kysely';
import { ScriptPriorSchema } from '../../lib/schema/scripts';
import { computePriors, type ScriptPrior, type ScriptSignals, VOTE_WEIGHTS } from '../../lib/scripts/priors';
import type { Database } from '../db/schema';
import { toNumber } from '../stats/stats.filters';

/** Priors are recomputed at most this often; the catalog (and its ETag) carries the last computation. */
export const PRIORS_MAX_AGE_MS = 60 * 60_000;
/** Only recent feedback counts: a script's wording and the products it talks about change. */
export const PRIORS_WINDOW_DAYS = 180;

/**
 * The organisation's learned priors (lib/scripts/priors.ts), from its agents' thumbs and sends and its
 * customers' CSAT on tickets where a script was used, in the last PRIORS_WINDOW_DAYS. Cached in
 * `script_priors` for PRIORS_MAX_AGE_MS so that every agent's catalog pull reads one row.
 */
export async function priorsFor(
  db: Kysely<Database>,
  orgId: string,
  now = new Date(),
): Promise<{ computedAt: string; priors: ScriptPrior[] }> {
  const cached = await db
    .selectFrom('script_priors')
    .select(['computed_at', 'priors'])
    .where('org_id', '=', orgId)
    .executeTakeFirst();
  if (cached && now.getTime() - Date.parse(cached.computed_at) < PRIORS_MAX_AGE_MS) {
    const parsed = ScriptPriorSchema.array().safeParse(JSON.parse(cached.priors));
    if (parsed.success) return { computedAt: cached.computed_at, priors: parsed.data };
  }
  const priors = computePriors(await signalsFor(db, orgId, now));
  const computedAt = now.toISOString();
  const text = JSON.stringify(priors);
  await db
    .insertInto('script_priors')
    .values({ org_id: orgId, computed_at: computedAt, priors: text })
    .onConflict((oc) => oc.column('org_id').doUpdateSet({ computed_at: computedAt, priors: text }))
    .execute();
  return { computedAt, priors };
}

/** Forgets the cached priors (tests; an admin switching learning back on gets fresh figures at once). */
export async function forgetPriors(db: Kysely<Database>, orgId: string): Promise<void> {
  await db.deleteFrom('script_priors').where('org_id', '=', orgId).execute();
}

export async function signalsFor(db: Kysely<Database>, orgId: string, now: Date): Promise<ScriptSignals[]> {
  const since = new Date(now.getTime() - PRIORS_WINDOW_DAYS * 86_400_000).toISOString();
  const votes = await db
    .selectFrom('script_usage')
    .select([
      'script_id',
      sql<number>`sum(case when action = 'rated_up' then 1 else 0 end)`.as('up'),
      sql<number>`sum(case when action = 'rated_down' then 1 else 0 end)`.as('down'),
      sql<number>`sum(case when action = 'sent' and edited = 0 then 1 else 0 end)`.as('unedited'),
      sql<number>`sum(case when action = 'sent' and edited = 1 then 1 else 0 end)`.as('edited'),
    ])
    .where('org_id', '=', orgId)
    .where('occurred_at', '>=', since)
    .groupBy('script_id')
    .execute();
  // Each ticket a script went into counts once, with the ticket's current first score.
  const used = db
    .selectFrom('script_usage')
    .select(['helpdesk', 'ticket_id', 'script_id'])
    .where('org_id', '=', orgId)
    .where('occurred_at', '>=', since)
    .where('action', 'in', ['inserted', 'copied', 'sent'])
    .distinct();
  const scored = await db
    .selectFrom(used.as('u'))
    .innerJoin('feedback as f', (join) =>
      join
        .onRef('f.helpdesk', '=', 'u.helpdesk')
        .onRef('f.ticket_id', '=', 'u.ticket_id')
        .on('f.org_id', '=', orgId)
        .on('f.is_current', '=', 1)
        .on('f.retracted', '=', 0)
        .on('f.round', '=', 'initial'),
    )
    .select([
      'u.script_id',
      sql<number>`sum(case when f.csat >= 4 then 1 else 0 end)`.as('satisfied'),
      sql<number>`sum(case when f.csat <= 2 then 1 else 0 end)`.as('dissatisfied'),
      sql<number>`sum(case when f.csat = 3 then 1 else 0 end)`.as('neutral'),
    ])
    .groupBy('u.script_id')
    .execute();
  const scenarios = await scenarioOf(db, orgId);
  const signals = new Map<string, ScriptSignals>();
  const signal = (scriptId: string) => {
    let found = signals.get(scriptId);
    if (!found) {
      found = { scriptId, scenario: scenarios.get(scriptId) ?? '', votesFor: 0, votesAgainst: 0 };
      signals.set(scriptId, found);
    }
    return found;
  };
  for (const row of votes) {
    const s = signal(row.script_id);
    s.votesFor += VOTE_WEIGHTS.ratedUp * toNumber(row.up) + VOTE_WEIGHTS.sentUnedited * toNumber(row.unedited);
    s.votesAgainst += VOTE_WEIGHTS.ratedDown * toNumber(row.down) + VOTE_WEIGHTS.sentEdited * toNumber(row.edited);
  }
  for (const row of scored) {
    const s = signal(row.script_id);
    const neutral = toNumber(row.neutral) / 2;
    s.votesFor += VOTE_WEIGHTS.csatSatisfied * (toNumber(row.satisfied) + neutral);
    s.votesAgainst += VOTE_WEIGHTS.csatDissatisfied * (toNumber(row.dissatisfied) + neutral);
  }
  // Scripts no longer in the catalog do not need a prior.
  return [...signals.values()].filter((s) => scenarios.has(s.scriptId));
}

/** Each script's scenario, from its newest version. */
async function scenarioOf(db: Kysely<Database>, orgId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('scripts')
    .select(['id', 'version', 'entry'])
    .where('org_id', '=', orgId)
    .orderBy('id')
    .orderBy('version', 'desc')
    .execute();
  const scenarios = new Map<string, string>();
  for (const row of rows) {
    if (scenarios.has(row.id)) continue;
    scenarios.set(row.id, String((JSON.parse(row.entry) as { scenario?: unknown }).scenario ?? ''));
  }
  return scenarios;
}
