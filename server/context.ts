import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AuthenticatedAgent } from './auth/tokens';
import type { DatabaseKind } from './db';
import type { Database } from './db/schema';

export interface AppDeps {
  db: Kysely<Database>;
  databaseKind: DatabaseKind;
  logger: Logger;
  bodyLimitBytes: number;
}

export interface AppEnv {
  Variables: {
    db: Kysely<Database>;
    deps: AppDeps;
    agent: AuthenticatedAgent;
  };
}
