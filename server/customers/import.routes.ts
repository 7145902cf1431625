import { createRoute, z } from '@hono/zod-openapi';
import { CustomerImportProgress, CustomerImportQuery, CustomerImportReport } from '../../lib/schema/api';
import { ApiError } from '../../lib/schema/events';
import { PageQuery, pageOf } from '../../lib/schema/page';
import { SECURITY } from '../api-security';

export const CUSTOMER_IMPORT_PATH = '/api/v1/customers/import';

const error = (description: string) => ({ description, content: { 'application/json': { schema: ApiError } } });
const common = {
  401: error('No valid token or session'),
  403: error('Needs the admin role'),
};
const IdParam = z.object({ id: z.string().min(1).max(64) });

export const importRoute = createRoute({
  operationId: 'importCustomers',
  method: 'post',
  path: CUSTOMER_IMPORT_PATH,
  tags: ['customers'],
  summary: 'Import customers from a CRM export (CSV, streamed); a validation report per bad line',
  description:
    'The upload is written to disk as it arrives, then checked and applied in short transactions, so a slow upload ' +
    'never holds the database. Answers with the report when the import has ended; with `Prefer: respond-async` it ' +
    'answers 202 as soon as the file is received, with the import to follow at `Location` ' +
    '(`GET /api/v1/customers/imports/{id}`, or its `/events` stream).',
  security: SECURITY.tokenOrSession,
  request: {
    query: CustomerImportQuery,
    headers: z.object({
      prefer: z.string().optional().openapi({ description: '`respond-async`: answer 202 once the file is received' }),
    }),
    body: { required: true, content: { 'text/csv': { schema: z.string() } } },
  },
  responses: {
    200: {
      description: 'Applied (or, with dryRun, checked); bad lines listed',
      content: { 'application/json': { schema: CustomerImportReport } },
    },
    202: {
      description: 'Received; checking and applying continue (Prefer: respond-async). Follow `Location`.',
      content: { 'application/json': { schema: CustomerImportProgress } },
    },
    400: error('The file is not CSV, has no header or no id column'),
    ...common,
    413: error('Larger than CUSTOMER_IMPORT_LIMIT_BYTES'),
    415: error('Not sent as text/csv'),
    422: {
      description: 'Some lines are bad, so nothing was applied (send skipBadRows=true to apply the good ones)',
      content: { 'application/json': { schema: CustomerImportReport } },
    },
    503: error('The server stopped while the import ran; upload the file again'),
  },
});

export const listImportsRoute = createRoute({
  operationId: 'listCustomerImports',
  method: 'get',
  path: '/api/v1/customers/imports',
  tags: ['customers'],
  summary: 'Customer imports of the organisation, newest first, running or ended, a page at a time',
  security: SECURITY.tokenOrSession,
  request: { query: PageQuery },
  responses: {
    200: {
      description: 'One page of imports',
      content: { 'application/json': { schema: pageOf('imports', CustomerImportProgress) } },
    },
    400: error('A query parameter is invalid (each is named)'),
    ...common,
  },
});

export const getImportRoute = createRoute({
  operationId: 'getCustomerImport',
  method: 'get',
  path: '/api/v1/customers/imports/{id}',
  tags: ['customers'],
  summary:
    'Where a customer import stands: bytes received, lines checked, rows applied, percent; its report at the end',
  security: SECURITY.tokenOrSession,
  request: { params: IdParam },
  responses: {
    200: { description: 'The import', content: { 'application/json': { schema: CustomerImportProgress } } },
    404: error('No such import in your organisation'),
    ...common,
  },
});

export const importEventsRoute = createRoute({
  operationId: 'streamCustomerImportProgress',
  method: 'get',
  path: '/api/v1/customers/imports/{id}/events',
  tags: ['customers'],
  summary:
    'Server-sent events for a progress bar: `progress` while the import runs, then one `end`, then the stream closes',
  description:
    "Each event's `data` is the import as `GET /api/v1/customers/imports/{id}` answers it (CustomerImportProgress). " +
    'A `progress` event is sent when something moved (at most every half second), a comment line every 15 s keeps ' +
    'proxies from closing a quiet stream, and `end` comes once with the final state (`done`, `refused`, `failed` or ' +
    '`interrupted`). Reconnecting is safe: the first event is always the current state.',
  security: SECURITY.tokenOrSession,
  request: { params: IdParam },
  responses: {
    200: {
      description: 'An event stream (text/event-stream) of CustomerImportProgress',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    404: error('No such import in your organisation'),
    ...common,
  },
});
