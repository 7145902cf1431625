import { tmpdir } from 'node:os';
import { z } from 'zod';
import { trustedProxiesProblem } from './auth/client-address';
import { DEFAULT_TIMEOUTS } from './http/timeouts';

/** The server's whole environment, parsed once at start; a bad value stops the process with its name. */
export const ServerEnv = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    /** A SQLite file path (embedded default) or a `postgres://` URL. */
    DATABASE_URL: z.string().min(1).default('./data/desklens.sqlite'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Largest request body accepted, in bytes (413 above it). */
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
    /** Requests a minute per API token or console session, across all instances (429 above it). */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    /** Requests a minute without valid credentials, per client address (429 above it). */
    ANONYMOUS_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
    /** Count rate limits in this Redis (`redis://…`), shared by every instance; else on PostgreSQL when that is the database. */
    REDIS_URL: z
      .url({ protocol: /^rediss?$/ })
      .optional()
      .or(z.literal('').transform(() => undefined)),
    /** Prepended to every key DeskLens writes to Redis, so several deployments can share one. */
    REDIS_KEY_PREFIX: z.string().min(1).max(64).default('desklens:'),
    /** Largest customer import (CSV) accepted, in bytes. */
    CUSTOMER_IMPORT_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(200 * 1024 * 1024),
    /** Where customer imports are written while they arrive; needs room for CUSTOMER_IMPORT_LIMIT_BYTES per upload. */
    IMPORT_SPOOL_DIR: z.string().min(1).default(tmpdir()),
    /** All request headers must arrive within this many ms (408 otherwise). */
    HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).default(DEFAULT_TIMEOUTS.headersMs),
    /** The whole request, headers and body, must arrive within this many ms (408 otherwise). */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(DEFAULT_TIMEOUTS.requestMs),
    /** A request body that stops arriving for this many ms is answered 408. */
    BODY_IDLE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(DEFAULT_TIMEOUTS.bodyIdleMs),
    /** An idle kept-alive connection is closed after this many ms; above the load balancer's idle timeout. */
    KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(DEFAULT_TIMEOUTS.keepAliveMs),
    /**
     * The address people and identity providers reach the server at, e.g. https://desklens.example.com behind a
     * TLS-terminating proxy: console cookies are Secure when it is https, console writes must come from its origin,
     * and the SSO redirect URI is `<PUBLIC_URL>/api/v1/sso/callback`. Unset: the address each request was sent to.
     */
    PUBLIC_URL: z
      .url({ protocol: /^https?$/ })
      .transform((url) => new URL(url).origin)
      .optional(),
    /** Where the built Zendesk app is (its sidebar page and files); default `.output/zendesk-app/assets`. */
    ZENDESK_APP_DIR: z.string().min(1).optional(),
    /**
     * Proxies whose X-Forwarded-For is believed, comma-separated: addresses, CIDR ranges, or `loopback`,
     * `linklocal`, `uniquelocal` (proxy-addr's names). Unset: none, so the client address is the socket's.
     */
    TRUSTED_PROXIES: z
      .string()
      .default('')
      .transform((list) =>
        list
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .superRefine((entries, ctx) => {
        const problem = trustedProxiesProblem(entries);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  })
  .superRefine((env, ctx) => {
    // An idle socket is closed silently after BODY_IDLE_TIMEOUT_MS; slow headers must get their 408 before that.
    if (env.HEADERS_TIMEOUT_MS >= env.BODY_IDLE_TIMEOUT_MS)
      ctx.addIssue({
        code: 'custom',
        path: ['HEADERS_TIMEOUT_MS'],
        message: `must be shorter than BODY_IDLE_TIMEOUT_MS (${env.BODY_IDLE_TIMEOUT_MS})`,
      });
  });
export type ServerEnv = z.infer<typeof ServerEnv>;

export function parseEnv(source: NodeJS.ProcessEnv): ServerEnv {
  const parsed = ServerEnv.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Bad environment: ${problems}`);
  }
  return parsed.data;
}
