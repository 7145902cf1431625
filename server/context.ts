import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Principal } from './auth/principal';
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
    /** Set by `authenticate` or `requireAgent`: who is calling and which teams they may see. */
    principal: Principal;
  };
}
