import type { Server } from 'node:http';
import { type ServerType, serve } from '@hono/node-server';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { createApp } from './app';
import type { AppDeps } from './context';
import { openDatabase } from './db';
import { keepPlannerStatistics } from './db/planner-statistics';
import type { Database } from './db/schema';
import { type DemoInfo, seedDemo } from './demo/seed';
import type { ServerEnv } from './env';
import { DEFAULT_TIMEOUTS, guardConnections, type HttpTimeouts, serverTimeoutOptions } from './http/timeouts';
import { openLiveHub } from './live/live.hub';
import { openLimitStores } from './ratelimit/stores';

export interface StartOptions {
  port?: number;
  databaseUrl: string;
  demo?: boolean;
  logLevel?: ServerEnv['LOG_LEVEL'];
  bodyLimitBytes?: number;
  rateLimitPerMinute?: number;
  anonymousRateLimitPerMinute?: number;
  /** Count rate limits in this Redis, shared by every instance (else PostgreSQL when that is the database). */
  redisUrl?: string;
  /** Prepended to every rate-limit key (default `desklens:`), so deployments can share one Redis. */
  limitKeyPrefix?: string;
  customerImportLimitBytes?: number;
  importSpoolDir?: string;
  /** How long close() lets in-flight requests finish before cutting connections (default 10 s). */
  shutdownGraceMs?: number;
  /** Headers, whole-request, stalled-body and keep-alive timeouts (DEFAULT_TIMEOUTS otherwise). */
  timeouts?: Partial<HttpTimeouts>;
  publicUrl?: string;
  trustedProxies?: string[];
  identityLimits?: AppDeps['identityLimits'];
  zendeskAppDir?: string;
  /** Alert evaluation after ingest (quiet time, default 2 s) and on a schedule (default 5 min; 0: off). */
  alertDebounceMs?: number;
  alertIntervalMs?: number;
  /** How often planner statistics are checked on PostgreSQL without autovacuum (default 60 s; 0: never). */
  plannerStatisticsMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  db: Kysely<Database>;
  demo?: DemoInfo;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  close: () => Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const logger = pino({ level: options.logLevel ?? 'info', base: { service: 'desklens' } });
  const database = await openDatabase(options.databaseUrl);
  const demo = options.demo ? await seedDemo(database.db) : undefined;
  const limitStores = await openLimitStores({
    db: database.db,
    databaseKind: database.kind,
    redisUrl: options.redisUrl,
    keyPrefix: options.limitKeyPrefix ?? 'desklens:',
    logger,
  });
  const live = await openLiveHub(database.kind, options.databaseUrl, database.db, logger);
  const statistics = keepPlannerStatistics(database.db, database.kind, logger, options.plannerStatisticsMs ?? 60_000);
  const app = createApp({
    live,
    alertDebounceMs: options.alertDebounceMs,
    alertIntervalMs: options.alertIntervalMs,
    db: database.db,
    databaseKind: database.kind,
    logger,
    bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576,
    rateLimitPerMinute: options.rateLimitPerMinute,
    anonymousRateLimitPerMinute: options.anonymousRateLimitPerMinute,
    limitStores,
    customerImportLimitBytes: options.customerImportLimitBytes,
    importSpoolDir: options.importSpoolDir,
    publicUrl: options.publicUrl,
    trustedProxies: options.trustedProxies,
    identityLimits: options.identityLimits,
    zendeskAppDir: options.zendeskAppDir,
  });
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve(
      {
        fetch: app.fetch,
        port: options.port ?? 0,
        hostname: '127.0.0.1',
        serverOptions: serverTimeoutOptions(timeouts),
      },
      (info) => resolve(info.port),
    );
    server.once('error', reject);
    guardConnections(server as Server, timeouts, logger);
  });
  logger.info({ port, database: database.kind }, 'DeskLens server listening');
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    db: database.db,
    demo,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        const http = server as
          | (ServerType & { closeIdleConnections?: () => void; closeAllConnections?: () => void })
          | undefined;
        // close() waits for in-flight requests. A browser keeps its connection alive and may send the next request
        // on it, so idle sockets are closed as they become idle; after the grace period whatever is left is cut.
        app.endLiveStreams();
        const sweep = setInterval(() => http?.closeIdleConnections?.(), 100);
        const cut = setTimeout(() => http?.closeAllConnections?.(), options.shutdownGraceMs ?? 10_000);
        http?.close(() => {
          clearInterval(sweep);
          clearTimeout(cut);
          resolve();
        });
        http?.closeIdleConnections?.();
      })
        .then(() => statistics.stop())
        .then(() => app.stop())
        .then(() => live.close())
        .then(() => limitStores.close())
        .then(() => database.close());
      return closing;
    },
  };
}
