import type { MiddlewareHandler } from 'hono';
import type { RateLimitInfo } from 'hono-rate-limiter';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AlertScheduler } from './alerts/alerts.scheduler';
import type { EnrollmentLimiter, IdentityLimits, SignInGuard } from './auth/guards';
import type { Principal } from './auth/principal';
import type { AuthenticatedAgent } from './auth/tokens';
import type { DatabaseKind } from './db';
import type { Database } from './db/schema';
import type { LiveHub } from './live/live.hub';
import type { LimitStores } from './ratelimit/stores';

export interface AppDeps {
  db: Kysely<Database>;
  databaseKind: DatabaseKind;
  logger: Logger;
  bodyLimitBytes: number;
  /** Requests a minute per API token or session (default 600). */
  rateLimitPerMinute?: number;
  /** Requests a minute without valid credentials, per client address (default 120). */
  anonymousRateLimitPerMinute?: number;
  /** Where rate limits count (shared by instances on Redis or PostgreSQL); this process's memory by default. */
  limitStores?: LimitStores;
  /** Largest customer import file, in bytes (default 200 MiB). */
  customerImportLimitBytes?: number;
  /** Where customer imports are written while they arrive (default: the system's temp directory). */
  importSpoolDir?: string;
  /** PUBLIC_URL's origin: cookies, the console's origin check and SSO redirects use it (docs/operations.md). */
  publicUrl?: string;
  /** TRUSTED_PROXIES: whose X-Forwarded-For gives the client address. */
  trustedProxies?: string[];
  /** Sign-in and enrollment limits; tests lower them. */
  identityLimits?: Partial<IdentityLimits>;
  /** ZENDESK_APP_DIR: the built Zendesk app's files, served as the sidebar (default .output/zendesk-app/assets). */
  zendeskAppDir?: string;
  /** The built console served at `/` (default: .output/console, written by `npm run build`). */
  consoleDir?: string;
  /** Where live events travel (LISTEN/NOTIFY on PostgreSQL); this process's memory by default. */
  live?: LiveHub;
  /** Alert evaluation: quiet time after ingest (default 2 s) and the schedule (default 5 min, 0: off). */
  alertDebounceMs?: number;
  alertIntervalMs?: number;
  /**
   * The server's clock, in ms since the epoch (default `Date.now`). Only the plausibility of an event's time reads it,
   * so tests of fixed calendar periods can run on any day.
   */
  now?: () => number;
  /** How often a live stream sends its heartbeat comment (default 15 s). */
  liveHeartbeatMs?: number;
}

export interface AppEnv {
  Variables: {
    db: Kysely<Database>;
    deps: AppDeps;
    agent: AuthenticatedAgent;
    /** Set by `authenticate` or `requireAgent`: who is calling and which teams they may see. */
    principal: Principal;
    /** Counts the authenticated caller's requests; called by the auth middleware. */
    limitRequests: MiddlewareHandler<AppEnv>;
    /** Failed password checks per address and per account (console sign-in, password enrollment). */
    signInGuard: SignInGuard;
    enrollmentLimiter: EnrollmentLimiter;
    /** The real client address (TRUSTED_PROXIES decides whether X-Forwarded-For counts). */
    clientAddress: string;
    /** The origin people reach the server at: PUBLIC_URL, else the request's own. */
    publicOrigin: string;
    /** Set by hono-rate-limiter: where the caller stands in the current window. */
    rateLimit: RateLimitInfo;
    /** Live events for open dashboards. */
    live: LiveHub;
    /** Evaluates alert rules after ingest and on a schedule. */
    alerts: AlertScheduler;
  };
}
