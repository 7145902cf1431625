import pino from 'pino';
import { createApp, type DeskLensApp } from './app';
import type { AppDeps } from './context';
import type { DatabaseKind } from './db';
import { type OpenDatabase, openDatabase } from './db';
import { type DemoInfo, seedDemo } from './demo/seed';
import { openLiveHub } from './live/live.hub';
import { createTestDatabase, type TestDatabase } from './testing';

export interface TestApp {
  app: DeskLensApp;
  database: OpenDatabase;
  demo: DemoInfo;
  close: () => Promise<void>;
}

/** The real app on a throwaway database with the demo org seeded, called in process (no socket). */
export async function createTestApp(
  kind: DatabaseKind,
  options: Partial<
    Pick<
      AppDeps,
      | 'bodyLimitBytes'
      | 'rateLimitPerMinute'
      | 'anonymousRateLimitPerMinute'
      | 'customerImportLimitBytes'
      | 'publicUrl'
      | 'identityLimits'
      | 'zendeskAppDir'
      | 'alertDebounceMs'
      | 'liveHeartbeatMs'
      | 'alertIntervalMs'
      | 'now'
    >
  > = {},
): Promise<TestApp> {
  const testDb: TestDatabase = await createTestDatabase(kind);
  const database = await openDatabase(testDb.url);
  const demo = await seedDemo(database.db);
  const logger = pino({ level: 'silent' });
  const live = await openLiveHub(database.kind, testDb.url, database.db, logger);
  const app = createApp({
    live,
    // Tests evaluate alert rules when they say so (POST /api/v1/alerts/evaluate), never on a timer, and after ingest
    // only when they ask for it with a short quiet time.
    alertIntervalMs: options.alertIntervalMs ?? 0,
    alertDebounceMs: options.alertDebounceMs ?? 3_600_000,
    liveHeartbeatMs: options.liveHeartbeatMs,
    db: database.db,
    databaseKind: database.kind,
    logger,
    bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
    anonymousRateLimitPerMinute: options.anonymousRateLimitPerMinute ?? 100_000,
    customerImportLimitBytes: options.customerImportLimitBytes,
    publicUrl: options.publicUrl,
    identityLimits: options.identityLimits,
    zendeskAppDir: options.zendeskAppDir,
    now: options.now,
  });
  return {
    app,
    database,
    demo,
    close: async () => {
      await app.stop();
      await live.close();
      await database.close();
      await testDb.drop();
    },
  };
}
