import { parseEnv } from './env';
import { startServer } from './start';

/** `npm run server [-- --demo]`: the backend on its embedded SQLite database unless DATABASE_URL says otherwise. */
let env: ReturnType<typeof parseEnv>;
try {
  env = parseEnv(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const demo = process.argv.includes('--demo');
const server = await startServer({
  port: env.PORT,
  databaseUrl: env.DATABASE_URL,
  demo,
  logLevel: env.LOG_LEVEL,
  bodyLimitBytes: env.BODY_LIMIT_BYTES,
  rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
  anonymousRateLimitPerMinute: env.ANONYMOUS_RATE_LIMIT_PER_MINUTE,
  redisUrl: env.REDIS_URL,
  limitKeyPrefix: env.REDIS_KEY_PREFIX,
  customerImportLimitBytes: env.CUSTOMER_IMPORT_LIMIT_BYTES,
  importSpoolDir: env.IMPORT_SPOOL_DIR,
  timeouts: {
    headersMs: env.HEADERS_TIMEOUT_MS,
    requestMs: env.REQUEST_TIMEOUT_MS,
    bodyIdleMs: env.BODY_IDLE_TIMEOUT_MS,
    keepAliveMs: env.KEEP_ALIVE_TIMEOUT_MS,
  },
  publicUrl: env.PUBLIC_URL,
  trustedProxies: env.TRUSTED_PROXIES,
  zendeskAppDir: env.ZENDESK_APP_DIR,
});
if (server.demo) {
  console.log(
    `Demo org seeded. Agent API token: ${server.demo.agentToken}  Enrollment token: ${server.demo.enrollmentToken}`,
  );
  // The same console users `npm start` prints: sign in with POST /api/v1/sessions.
  console.log(
    `Console users: ${server.demo.users.map((user) => `${user.email} / ${user.password} (${user.role})`).join(', ')}`,
  );
}
console.log(`DeskLens server on ${server.url} (health: ${server.url}/api/v1/health)`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
