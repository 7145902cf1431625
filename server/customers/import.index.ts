import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { CustomerImportQuery, CustomerImportReport } from '../../lib/schema/api';
import { ApiError } from '../../lib/schema/events';
import { SECURITY } from '../api-security';
import { authenticate, requireRole } from '../auth/middleware';
import type { AppEnv } from '../context';
import { apiError } from '../errors';
import { validationHook } from '../validation';
import { ImportFileError, importCustomers } from './import';

export const CUSTOMER_IMPORT_PATH = '/api/v1/customers/import';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ApiError } } });

export const importRoute = createRoute({
  operationId: 'importCustomers',
  method: 'post',
  path: CUSTOMER_IMPORT_PATH,
  tags: ['customers'],
  summary: 'Import customers from a CRM export (CSV, streamed); a validation report per bad line',
  security: SECURITY.tokenOrSession,
  request: {
    query: CustomerImportQuery,
    body: { required: true, content: { 'text/csv': { schema: z.string() } } },
  },
  responses: {
    200: {
      description: 'Applied (or, with dryRun, checked); bad lines listed',
      content: { 'application/json': { schema: CustomerImportReport } },
    },
    400: error('The file is not CSV, has no header or no id column'),
    401: error('No valid token or session'),
    403: error('Needs the admin role'),
    413: error('Larger than CUSTOMER_IMPORT_LIMIT_BYTES'),
    415: error('Not sent as text/csv'),
    422: {
      description: 'Some lines are bad, so nothing was applied (send skipBadRows=true to apply the good ones)',
      content: { 'application/json': { schema: CustomerImportReport } },
    },
  },
});

class BodyTooLarge extends Error {}

/**
 * Counts bytes as they stream through and stops at the limit. Hono's bodyLimit buffers a chunked upload whole
 * before the handler sees it, which would defeat streaming a CRM export.
 */
function sizeLimit(limitBytes: number): TransformStream<Uint8Array, Uint8Array> {
  let size = 0;
  return new TransformStream({
    transform(chunk, controller) {
      size += chunk.byteLength;
      if (size > limitBytes) controller.error(new BodyTooLarge());
      else controller.enqueue(chunk);
    },
  });
}

export function customerImportRouter(limitBytes: number) {
  const router = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const tooLarge = `Customer imports are limited to ${limitBytes} bytes.`;
  router.use(
    CUSTOMER_IMPORT_PATH,
    async (c, next) => {
      if (Number(c.req.header('content-length') ?? 0) > limitBytes) return apiError(c, 413, 'body_too_large', tooLarge);
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
  router.openapi(importRoute, async (c) => {
    const options = c.req.valid('query');
    const body = c.req.raw.body;
    if (!body)
      return apiError(c, 400, 'invalid_request', 'The file is empty: expected a header row with an "id" column.');
    try {
      const limited = body.pipeThrough(sizeLimit(limitBytes));
      const report = await importCustomers(c.var.db, c.var.principal, limited, options);
      const refused = !report.applied && !options.dryRun;
      return c.json(report, refused ? 422 : 200);
    } catch (error) {
      if (error instanceof ImportFileError) return apiError(c, 400, 'invalid_file', error.message);
      if (error instanceof BodyTooLarge) return apiError(c, 413, 'body_too_large', tooLarge);
      throw error;
    }
  });
  return router;
}
