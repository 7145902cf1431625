import { OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { authenticate, requireRole } from '../auth/middleware';
import type { AppEnv } from '../context';
import { apiError } from '../errors';
import { NEWEST_FIRST, paginate } from '../pagination';
import { validationHook } from '../validation';
import { type ImportRunner, isFinal, progressOut, readImport } from './import.jobs';
import {
  CUSTOMER_IMPORT_PATH,
  getImportRoute,
  importEventsRoute,
  importRoute,
  listImportsRoute,
} from './import.routes';
import { UploadTooLarge } from './import.spool';

export { CUSTOMER_IMPORT_PATH };

/** How often the event stream looks at the import's row: it may be running on another instance. */
const EVENTS_POLL_MS = 500;
const EVENTS_HEARTBEAT_MS = 15_000;

export function customerImportRouter(imports: ImportRunner) {
  const router = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const tooLarge = `Customer imports are limited to ${imports.limitBytes} bytes.`;
  router.use(
    CUSTOMER_IMPORT_PATH,
    async (c, next) => {
      if (Number(c.req.header('content-length') ?? 0) > imports.limitBytes)
        return apiError(c, 413, 'body_too_large', tooLarge);
      return next();
    },
    authenticate,
    requireRole('admin'),
    async (c, next) => {
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'text/csv' && type !== 'application/csv')
        return apiError(c, 415, 'unsupported_media_type', 'Send the file as text/csv.');
      return next();
    },
  );
  router.use('/api/v1/customers/imports', authenticate, requireRole('admin'));
  router.use('/api/v1/customers/imports/*', authenticate, requireRole('admin'));

  router.openapi(importRoute, async (c) => {
    const options = c.req.valid('query');
    const body = c.req.raw.body;
    if (!body) return apiError(c, 400, 'invalid_file', 'The file is empty: expected a header row with an "id" column.');
    const declared = Number(c.req.header('content-length'));
    const job = await imports.open(c.var.principal, options, Number.isSafeInteger(declared) ? declared : null);
    try {
      await imports.receive(job, body);
    } catch (error) {
      if (error instanceof UploadTooLarge) return apiError(c, 413, 'body_too_large', tooLarge);
      // Cut off or stalled by the client: whoever is still listening learns nothing was imported.
      return apiError(c, 400, 'upload_incomplete', 'The upload did not complete; nothing was imported. Send it again.');
    }
    const outcome = imports.process(job);
    if (/\brespond-async\b/i.test(c.req.header('prefer') ?? '')) {
      // The caller follows the import elsewhere; its end is recorded on the row, an error also in the log.
      outcome.catch(() => undefined);
      const row = await readImport(c.var.db, c.var.principal.orgId, job.id);
      c.header('location', `/api/v1/customers/imports/${job.id}`);
      c.header('preference-applied', 'respond-async');
      if (row) return c.json(progressOut(row), 202);
    }
    const ended = await outcome;
    switch (ended.status) {
      case 'done':
        return c.json(ended.report, 200);
      case 'refused':
        return c.json(ended.report, 422);
      case 'failed':
        return apiError(c, 400, 'invalid_file', ended.fileError ?? 'The file could not be read.');
      default:
        return apiError(c, 503, 'interrupted', 'The server stopped while the import ran; upload the file again.');
    }
  });

  router.openapi(listImportsRoute, async (c) => {
    const { rows, next } = await paginate(
      c.var.db.selectFrom('customer_imports').selectAll().where('org_id', '=', c.var.principal.orgId),
      NEWEST_FIRST,
      c.req.valid('query'),
    );
    return c.json({ imports: rows.map((row) => progressOut(row)), next }, 200);
  });

  router.openapi(getImportRoute, async (c) => {
    const { id } = c.req.valid('param');
    const row = await readImport(c.var.db, c.var.principal.orgId, id);
    if (!row) return apiError(c, 404, 'not_found', `No customer import ${id} in your organisation.`);
    return c.json(progressOut(row), 200);
  });

  router.openapi(importEventsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { db, principal } = c.var;
    const first = await readImport(db, principal.orgId, id);
    if (!first) return apiError(c, 404, 'not_found', `No customer import ${id} in your organisation.`);
    // The route declares text/event-stream, which the typed JSON response helpers do not model.
    return streamSSE(c, async (stream) => {
      let closed = false;
      stream.onAbort(() => {
        closed = true;
      });
      let sent = '';
      let quietSince = Date.now();
      for (let row = first; !closed; ) {
        const progress = progressOut(row);
        const final = isFinal(progress.status);
        const state = `${progress.status}|${progress.updatedAt}`;
        if (state !== sent || final) {
          await stream.writeSSE({ event: final ? 'end' : 'progress', id: state, data: JSON.stringify(progress) });
          sent = state;
          quietSince = Date.now();
        } else if (Date.now() - quietSince >= EVENTS_HEARTBEAT_MS) {
          await stream.write(': still running\n\n');
          quietSince = Date.now();
        }
        if (final) break;
        await stream.sleep(EVENTS_POLL_MS);
        const next = await readImport(db, principal.orgId, id);
        if (!next) break;
        row = next;
      }
    }) as never;
  });

  return router;
}
