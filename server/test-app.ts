import pino from 'pino';
import { createApp, type DeskLensApp } from './app';
import type { AppDeps } from './context';
import type { DatabaseKind } from './db';
import { type OpenDatabase, openDatabase } from './db';
import { type DemoInfo, seedDemo } from './demo/seed';
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
    >
  > = {},
): Promise<TestApp> {
  const testDb: TestDatabase = await createTestDatabase(kind);
  const database = await openDatabase(testDb.url);
  const demo = await seedDemo(database.db);
  const app = createApp({
    db: database.db,
    databaseKind: database.kind,
    logger: pino({ level: 'silent' }),
    bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
    anonymousRateLimitPerMinute: options.anonymousRateLimitPerMinute ?? 100_000,
    customerImportLimitBytes: options.customerImportLimitBytes,
    publicUrl: options.publicUrl,
    identityLimits: options.identityLimits,
    zendeskAppDir: options.zendeskAppDir,
  });
  return {
    app,
    database,
    demo,
    close: async () => {
      await app.stop();
      await database.close();
      await testDb.drop();
    },
  };
}
