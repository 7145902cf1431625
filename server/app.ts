import { tmpdir } from 'node:os';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { CHECKIN_HEADERS } from '../lib/schema/fleet';
import { actionsRouter } from './actions/actions.index';
import { auditRouter } from './admin/audit';
import { teamsRouter } from './admin/teams';
import { tokensRouter } from './admin/tokens';
import { usersRouter } from './admin/users';
import { alertsRouter } from './alerts/alerts.index';
import { createAlertScheduler } from './alerts/alerts.scheduler';
import { clientAddressOf } from './auth/client-address';
import { createEnrollmentLimiter, createSignInGuard, DEFAULT_IDENTITY_LIMITS } from './auth/guards';
import { createRateLimit } from './auth/rate-limit';
import { catalogRouter } from './catalog/catalog.index';
import { configRouter } from './config/config.index';
import { consoleRouter } from './console/console.index';
import type { AppDeps, AppEnv } from './context';
import { customersRouter } from './customers/customers.index';
import { CUSTOMER_IMPORT_PATH, customerImportRouter } from './customers/import.index';
import { ImportRunner } from './customers/import.jobs';
import { isDatabaseUnavailable } from './db/unavailable';
import { devicesRouter } from './devices/devices.index';
import { enrollRouter } from './enroll/enroll.index';
import { apiError } from './errors';
import { eventsRouter } from './events/events.index';
import { fleetRouter } from './fleet/fleet.index';
import { healthRouter } from './health/health.index';
import { closeAfterUnreadBody } from './http/unread-body';
import { identityRouter } from './identity/identity.index';
import { insightsRouter } from './insights/insights.index';
import { memoryLiveHub } from './live/live.hub';
import { LiveStreams, liveRouter } from './live/live.index';
import { describeApi } from './openapi';
import { InvalidCursor } from './pagination';
import { qualityRouter } from './quality/quality.index';
import { createAnonymousLimit } from './ratelimit/anonymous';
import { memoryStores } from './ratelimit/stores';
import { rulesRouter } from './rules/rules.index';
import { scriptsRouter } from './scripts/scripts.index';
import { sessionsRouter } from './sessions/sessions.index';
import { statsRouter } from './stats/stats.index';
import { zendeskAppRouter } from './zendesk-app/zendesk-app.index';

/**
 * Browsers reach the API from the extension's own origin (it holds no host permission for the server,
 * so CORS is what lets it through) and, later, from the console served by this same server.
 */
function allowedOrigin(origin: string): string | null {
  return /^(chrome-extension|moz-extension|safari-web-extension):\/\/[a-z0-9-]+$/i.test(origin) ? origin : null;
}

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();

  const imports = new ImportRunner(
    deps.db,
    deps.logger,
    deps.importSpoolDir ?? tmpdir(),
    deps.customerImportLimitBytes ?? 200 * 1024 * 1024,
  );
  const stores = deps.limitStores ?? memoryStores();
  const limitRequests = createRateLimit(deps.rateLimitPerMinute ?? 600, stores.store('credential'));
  const limits = { ...DEFAULT_IDENTITY_LIMITS, ...deps.identityLimits };
  const signInGuard = createSignInGuard(limits);
  const enrollmentLimiter = createEnrollmentLimiter(limits);
  const clientAddress = clientAddressOf(deps.trustedProxies ?? []);
  const live = deps.live ?? memoryLiveHub();
  const liveStreams = new LiveStreams();
  const alerts = createAlertScheduler(deps.db, live, deps.logger, {
    debounceMs: deps.alertDebounceMs,
    intervalMs: deps.alertIntervalMs,
  });
  app.use('*', closeAfterUnreadBody);
  app.use('*', async (c, next) => {
    c.set('db', deps.db);
    c.set('deps', deps);
    c.set('limitRequests', limitRequests);
    c.set('signInGuard', signInGuard);
    c.set('enrollmentLimiter', enrollmentLimiter);
    c.set('clientAddress', clientAddress(c));
    c.set('publicOrigin', deps.publicUrl ?? new URL(c.req.url).origin);
    c.set('live', live);
    c.set('alerts', alerts);
    await next();
  });
  app.use(
    '/api/*',
    cors({
      origin: allowedOrigin,
      allowHeaders: ['authorization', 'content-type', 'if-none-match', 'if-match', ...Object.values(CHECKIN_HEADERS)],
      exposeHeaders: ['etag', 'retry-after', 'ratelimit', 'ratelimit-policy'],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      maxAge: 600,
    }),
  );
  app.use('/api/*', createAnonymousLimit(deps.anonymousRateLimitPerMinute ?? 120, stores.store('address')));
  const generalBodyLimit = bodyLimit({
    maxSize: deps.bodyLimitBytes,
    onError: (c) => apiError(c, 413, 'body_too_large', `Request bodies are limited to ${deps.bodyLimitBytes} bytes.`),
  });
  // Customer imports stream large files and carry their own, larger limit.
  app.use('/api/*', (c, next) => (c.req.path === CUSTOMER_IMPORT_PATH ? next() : generalBodyLimit(c, next)));

  app.route('/', healthRouter);
  app.route('/', eventsRouter);
  app.route('/', enrollRouter);
  app.route('/', devicesRouter);
  app.route('/', fleetRouter);
  app.route('/', identityRouter);
  app.route('/', catalogRouter);
  app.route('/', configRouter);
  app.route('/', customersRouter);
  app.route('/', insightsRouter);
  app.route('/', customerImportRouter(imports));
  app.route('/', statsRouter);
  app.route('/', sessionsRouter);
  app.route('/', teamsRouter);
  app.route('/', usersRouter);
  app.route('/', tokensRouter);
  app.route('/', auditRouter);
  app.route('/', scriptsRouter);
  app.route('/', rulesRouter);
  app.route('/', zendeskAppRouter);
  app.route('/', alertsRouter);
  app.route('/', actionsRouter);
  app.route('/', qualityRouter);
  app.route('/', liveRouter(liveStreams, deps.liveHeartbeatMs));

  describeApi(app);
  // Last: the console answers page requests no API route took (client routes get its index.html).
  app.route('/', consoleRouter(deps.consoleDir));

  app.notFound((c) => apiError(c, 404, 'not_found', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`));
  app.onError((error, c) => {
    if (error instanceof InvalidCursor)
      return apiError(c, 400, 'invalid_request', 'Invalid query', [{ path: 'cursor', message: error.message }]);
    // Malformed JSON and similar are the client's mistake, reported as such, never as a 500.
    if (error instanceof HTTPException && error.status < 500) {
      return apiError(c, error.status, 'bad_request', error.message || 'The request could not be read.');
    }
    if (isDatabaseUnavailable(error)) {
      deps.logger.warn({ err: error }, 'database unavailable; answered 503');
      c.header('retry-after', '5');
      return apiError(
        c,
        503,
        'database_unavailable',
        'The database cannot be reached right now; try again in a few seconds.',
      );
    }
    deps.logger.error({ err: error }, 'unhandled error');
    return apiError(c, 500, 'internal', 'Something went wrong on the server; it has been logged.');
  });
  /** Stops work that outlives requests (imports running in the background); call before closing the database. */
  const stop = async () => {
    liveStreams.endAll();
    await alerts.stop();
    await imports.stop();
  };
  /** Ends open live streams so a shutdown need not wait for them (they reconnect to another instance). */
  const endLiveStreams = () => liveStreams.endAll();
  return Object.assign(app, { stop, endLiveStreams });
}

export type DeskLensApp = ReturnType<typeof createApp>;
