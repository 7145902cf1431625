import type { ClientRateLimitInfo, HonoConfigType, Store } from 'hono-rate-limiter';
import { type Kysely, sql } from 'kysely';
import type { AppEnv } from '../context';
import type { Database } from '../db/schema';

/**
 * hono-rate-limiter's Store on PostgreSQL, so every instance on one database counts into the same window. One
 * atomic upsert per hit: the row is reset when its window has ended, else incremented, and the row as it stands
 * afterwards is the answer (two instances counting the same key at once both see the true total).
 */
export class PostgresStore implements Store<AppEnv> {
  private windowMs = 60_000;

  constructor(
    private readonly db: Kysely<Database>,
    readonly prefix: string,
  ) {}

  init(options: HonoConfigType<AppEnv>) {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const now = new Date();
    const reset = new Date(now.getTime() + this.windowMs).toISOString();
    const { rows } = await sql<{ hits: number; reset_at: string }>`
      insert into rate_limit_hits (key, hits, reset_at) values (${this.prefix + key}, 1, ${reset})
      on conflict (key) do update set
        hits = case when rate_limit_hits.reset_at <= ${now.toISOString()} then 1 else rate_limit_hits.hits + 1 end,
        reset_at = case when rate_limit_hits.reset_at <= ${now.toISOString()} then excluded.reset_at
                   else rate_limit_hits.reset_at end
      returning hits, reset_at`.execute(this.db);
    const row = rows[0];
    return { totalHits: Number(row?.hits ?? 1), resetTime: new Date(row?.reset_at ?? reset) };
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await this.db
      .selectFrom('rate_limit_hits')
      .select(['hits', 'reset_at'])
      .where('key', '=', this.prefix + key)
      .where('reset_at', '>', new Date().toISOString())
      .executeTakeFirst();
    return row ? { totalHits: Number(row.hits), resetTime: new Date(row.reset_at) } : undefined;
  }

  async decrement(key: string): Promise<void> {
    await this.db
      .updateTable('rate_limit_hits')
      .set((eb) => ({ hits: eb('hits', '-', 1) }))
      .where('key', '=', this.prefix + key)
      .where('hits', '>', 0)
      .where('reset_at', '>', new Date().toISOString())
      .execute();
  }

  async resetKey(key: string): Promise<void> {
    await this.db
      .deleteFrom('rate_limit_hits')
      .where('key', '=', this.prefix + key)
      .execute();
  }
}

/** Deletes windows that have ended; any instance may run it, as often as it likes. */
export async function forgetEndedWindows(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('rate_limit_hits').where('reset_at', '<=', new Date().toISOString()).execute();
}
