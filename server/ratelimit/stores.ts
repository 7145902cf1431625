import { createClient } from '@redis/client';
import { type ClientRateLimitInfo, MemoryStore, RedisStore, type Store } from 'hono-rate-limiter';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AppEnv } from '../context';
import type { DatabaseKind } from '../db';
import type { Database } from '../db/schema';
import { forgetEndedWindows, PostgresStore } from './postgres-store';

/**
 * Where the rate limiters count. Several instances behind a load balancer must count into one place, or a client
 * gets N times the limit: Redis when REDIS_URL is set, else PostgreSQL when that is the database, else (SQLite, one
 * instance per file) this process's memory.
 */
export interface LimitStores {
  kind: 'memory' | 'postgres' | 'redis';
  /** A store for one limiter; `name` keeps each limiter's keys apart. */
  store: (name: string) => Store<AppEnv>;
  close: () => Promise<void>;
}

export function memoryStores(): LimitStores {
  return { kind: 'memory', store: () => new MemoryStore<AppEnv>(), close: async () => undefined };
}

export interface LimitStoreOptions {
  db: Kysely<Database>;
  databaseKind: DatabaseKind;
  redisUrl?: string;
  /** Prepended to every key (several deployments may share one Redis). */
  keyPrefix: string;
  logger: Logger;
}

/**
 * A limiter whose store cannot be reached lets requests through and says so in the log (at most every 10 s): a
 * Redis or database outage must not take the whole API down with it.
 */
function failOpen(store: Store<AppEnv>, logger: Logger, where: string): Store<AppEnv> {
  let lastWarning = 0;
  const warn = (error: unknown) => {
    if (Date.now() - lastWarning < 10_000) return;
    lastWarning = Date.now();
    logger.warn({ err: error }, `rate limits are not counted: ${where} is unreachable`);
  };
  const allowed: ClientRateLimitInfo = { totalHits: 0, resetTime: undefined };
  return {
    init: (options) => store.init?.(options),
    get: async (key) => {
      try {
        return await store.get?.(key);
      } catch (error) {
        warn(error);
        return undefined;
      }
    },
    increment: async (key) => {
      try {
        return await store.increment(key);
      } catch (error) {
        warn(error);
        return allowed;
      }
    },
    decrement: async (key) => {
      try {
        await store.decrement(key);
      } catch (error) {
        warn(error);
      }
    },
    resetKey: async (key) => {
      try {
        await store.resetKey(key);
      } catch (error) {
        warn(error);
      }
    },
  };
}

export async function openLimitStores(options: LimitStoreOptions): Promise<LimitStores> {
  const { logger, keyPrefix } = options;
  if (options.redisUrl) {
    const client = createClient({
      url: options.redisUrl,
      // Fail at once while disconnected instead of queueing: the limiter then lets the request through.
      disableOfflineQueue: true,
      socket: { connectTimeout: 2_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5_000) },
    });
    client.on('error', () => undefined);
    // Wait briefly for the first connection, never for long: the server starts either way and counts once Redis is there.
    const connected = client.connect().then(
      () => true,
      () => false,
    );
    const ready = await Promise.race([connected, new Promise<boolean>((done) => setTimeout(done, 2_000, false))]);
    if (!ready) logger.warn('Redis (REDIS_URL) is not reachable yet; rate limits are not counted until it is');
    // hono-rate-limiter's RedisStore speaks to a client with these four calls; node-redis names them differently.
    const adapter = {
      scriptLoad: (script: string) => client.scriptLoad(script),
      evalsha: async <Args extends unknown[], Reply = unknown>(sha: string, keys: string[], args: Args) =>
        (await client.evalSha(sha, { keys, arguments: args.map(String) })) as Reply,
      decr: (key: string) => client.decr(key),
      del: (key: string) => client.del(key),
    };
    return {
      kind: 'redis',
      store: (name) =>
        failOpen(new RedisStore<AppEnv>({ client: adapter, prefix: `${keyPrefix}rl:${name}:` }), logger, 'Redis'),
      close: async () => {
        client.destroy();
      },
    };
  }
  if (options.databaseKind === 'postgres') {
    const sweep = setInterval(() => void forgetEndedWindows(options.db).catch(() => undefined), 60_000);
    sweep.unref();
    return {
      kind: 'postgres',
      store: (name) => failOpen(new PostgresStore(options.db, `${keyPrefix}${name}:`), logger, 'PostgreSQL'),
      close: async () => clearInterval(sweep),
    };
  }
  return memoryStores();
}
