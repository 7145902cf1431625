import { type Kysely, sql } from 'kysely';
import type { Logger } from 'pino';
import type { DatabaseKind } from './index';
import type { Database } from './schema';

/**
 * Keeps the query planner's statistics current. The stats views join scores to script usage by ticket; with no
 * statistics (tables that grew from empty since the last ANALYZE) PostgreSQL estimates one row everywhere and picks a
 * nested loop that read 3.4 million index entries for a month of one team (3.8 s, against 5 ms once analysed).
 * PostgreSQL's autovacuum normally does this, but it can be switched off (as on the test machines here): then this
 * analyses the tables that changed enough. SQLite is left alone on purpose: its queries are written and tested
 * (server/stats/stats.plan.test.ts) for the plans it picks without statistics, and ANALYZE would change them.
 */
const TABLES = ['feedback', 'script_usage', 'sla_outcomes', 'events', 'customers'] as const;
/** Analyse a table once this many rows changed since the last ANALYZE, and this share of its size. */
const MIN_CHANGED_ROWS = 500;
const CHANGED_SHARE = 0.1;

export interface PlannerStatistics {
  /** One pass now; resolves with the tables analysed. */
  refresh: () => Promise<string[]>;
  stop: () => void;
}

export function keepPlannerStatistics(
  db: Kysely<Database>,
  kind: DatabaseKind,
  logger: Logger,
  intervalMs: number,
): PlannerStatistics {
  let running: Promise<string[]> | undefined;
  const refresh = () => {
    running ??= (kind === 'postgres' ? refreshPostgres(db) : Promise.resolve([])).finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer =
    intervalMs > 0
      ? setInterval(() => {
          refresh()
            .then((tables) => {
              if (tables.length > 0) logger.debug({ tables }, 'planner statistics refreshed');
            })
            .catch((error: unknown) => logger.warn({ err: error }, 'refreshing planner statistics failed'));
        }, intervalMs)
      : undefined;
  timer?.unref();
  return { refresh, stop: () => clearInterval(timer) };
}

async function refreshPostgres(db: Kysely<Database>): Promise<string[]> {
  const setting = await sql<{ autovacuum: string }>`show autovacuum`.execute(db);
  // Autovacuum analyses on its own schedule; a second ANALYZE would only add work.
  if (setting.rows[0]?.autovacuum === 'on') return [];
  const stale = await sql<{ relname: string }>`
    select relname from pg_stat_user_tables
    where relname = any(${[...TABLES]}::text[])
      and n_mod_since_analyze >= greatest(${sql.lit(MIN_CHANGED_ROWS)}, ${sql.lit(CHANGED_SHARE)} * greatest(n_live_tup, 1))`.execute(
    db,
  );
  const tables = stale.rows.map((row) => row.relname);
  // Names come from the fixed list above, never from input.
  for (const table of tables) await sql`analyze ${sql.table(table)}`.execute(db);
  return tables;
}
