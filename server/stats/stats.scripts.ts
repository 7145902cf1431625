import { type Kysely, sql } from 'kysely';
import type { ScriptStats, StatsQuery } from '../../lib/schema/stats';
import type { Database } from '../db/schema';
import { inScope, toNumber } from './stats.filters';
import type { StatsScope } from './stats.scope';
import { scopeSummary } from './stats.summary';

/**
 * Script usage and effect: per script and version, how often it was inserted, copied and rated, and the CSAT
 * of the scored tickets it was used on, next to the CSAT of scored tickets in the same scope where no script
 * was used. An association, not a controlled experiment; the n of each side says how far to trust it.
 */
export async function scriptStats(db: Kysely<Database>, scope: StatsScope, query: StatsQuery): Promise<ScriptStats> {
  const usage = await inScope(db.selectFrom('script_usage'), scope, query)
    .select([
      'script_id',
      'script_version',
      sql<number>`sum(case when action = 'inserted' then 1 else 0 end)`.as('inserted'),
      sql<number>`sum(case when action = 'copied' then 1 else 0 end)`.as('copied'),
      sql<number>`sum(case when action = 'rated_up' then 1 else 0 end)`.as('rated_up'),
      sql<number>`sum(case when action = 'rated_down' then 1 else 0 end)`.as('rated_down'),
      sql<number>`count(edited)`.as('edited_known'),
      sql<number>`sum(case when edited = 1 then 1 else 0 end)`.as('edited'),
    ])
    .groupBy(['script_id', 'script_version'])
    .execute();

  // Tickets each script version was used on (inserted or copied), then the counted scores of those tickets.
  const used = inScope(db.selectFrom('script_usage'), scope, query)
    .where('action', 'in', ['inserted', 'copied'])
    .select(['helpdesk', 'ticket_id', 'script_id', 'script_version'])
    .distinct();
  const scored = await db
    .selectFrom(used.as('u'))
    .innerJoin('feedback as f', (join) =>
      join
        .onRef('f.helpdesk', '=', 'u.helpdesk')
        .onRef('f.ticket_id', '=', 'u.ticket_id')
        .on('f.org_id', '=', scope.orgId)
        .on('f.is_current', '=', 1)
        .on('f.round', '=', query.round),
    )
    .select([
      'u.script_id',
      'u.script_version',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when f.csat >= 4 then 1 else 0 end)`.as('satisfied'),
    ])
    .$if(scope.tierId !== null, (qb) => qb.where('f.tier_id', '=', scope.tierId))
    .groupBy(['u.script_id', 'u.script_version'])
    .execute();
  const scoredBy = new Map(scored.map((row) => [`${row.script_id}\u0000${row.script_version}`, row]));

  let baselineQuery = inScope(db.selectFrom('feedback'), scope, query)
    .where('is_current', '=', 1)
    .where('round', '=', query.round)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('script_usage as s')
            .select(sql.lit(1).as('one'))
            .whereRef('s.helpdesk', '=', 'feedback.helpdesk')
            .whereRef('s.ticket_id', '=', 'feedback.ticket_id')
            .where('s.org_id', '=', scope.orgId)
            .where('s.action', 'in', ['inserted', 'copied']),
        ),
      ),
    )
    .select([sql<number>`count(*)`.as('n'), sql<number>`sum(case when csat >= 4 then 1 else 0 end)`.as('satisfied')]);
  if (scope.tierId) baselineQuery = baselineQuery.where('tier_id', '=', scope.tierId);
  const baseline = await baselineQuery.executeTakeFirst();
  const baseN = toNumber(baseline?.n);

  return {
    scope: scopeSummary(scope, query),
    csatWithoutScripts: { value: baseN === 0 ? null : (100 * toNumber(baseline?.satisfied)) / baseN, n: baseN },
    scripts: usage
      .map((row) => {
        const s = scoredBy.get(`${row.script_id}\u0000${row.script_version}`);
        const n = toNumber(s?.n);
        const editedKnown = toNumber(row.edited_known);
        return {
          scriptId: row.script_id,
          scriptVersion: toNumber(row.script_version),
          inserted: toNumber(row.inserted),
          copied: toNumber(row.copied),
          ratedUp: toNumber(row.rated_up),
          ratedDown: toNumber(row.rated_down),
          edited: { value: editedKnown === 0 ? null : (100 * toNumber(row.edited)) / editedKnown, n: editedKnown },
          csatWhenUsed: { value: n === 0 ? null : (100 * toNumber(s?.satisfied)) / n, n },
        };
      })
      .sort((a, b) =>
        a.scriptId === b.scriptId ? a.scriptVersion - b.scriptVersion : a.scriptId < b.scriptId ? -1 : 1,
      ),
  };
}
