import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { CustomerLookupQuery, CustomerLookupResponse } from '../../lib/schema/api';
import { ApiError } from '../../lib/schema/events';
import { TierRuleSet } from '../../lib/schema/tiers';
import { SECURITY } from '../api-security';
import { authenticate, requireAgent, requireRole } from '../auth/middleware';
import { configFor } from '../config/config.handlers';
import type { AppEnv } from '../context';
import { readScope } from '../rules/rules.store';
import { validationHook } from '../validation';
import { lookupCustomer } from './customers.handlers';

const lookup = createRoute({
  operationId: 'lookupCustomer',
  method: 'get',
  path: '/api/v1/customers/lookup',
  tags: ['customers'],
  summary: 'A customer by helpdesk requester id or email, with their tier and the reasons for it',
  security: SECURITY.token,
  request: { query: CustomerLookupQuery },
  responses: {
    200: { description: 'Found', content: { 'application/json': { schema: CustomerLookupResponse } } },
    400: {
      description: 'Neither email nor requesterId + helpdesk given',
      content: { 'application/json': { schema: ApiError } },
    },
    401: {
      description: 'Missing, unknown, revoked or expired token',
      content: { 'application/json': { schema: ApiError } },
    },
    404: { description: 'No such customer', content: { 'application/json': { schema: ApiError } } },
  },
});

// The rules tester in the console: an admin picks a customer to try draft tier rules on. Same lookup, by the
// people who read the rules (a console session or a token), with the organisation's own rules.
const forRules = createRoute({
  operationId: 'lookupCustomerForRules',
  method: 'get',
  path: '/api/v1/customers/for-rules',
  tags: ['customers'],
  summary: 'A customer as the tier rules see them, with the organisation’s tier, for the rules tester',
  security: SECURITY.tokenOrSession,
  request: { query: CustomerLookupQuery },
  responses: {
    200: { description: 'Found', content: { 'application/json': { schema: CustomerLookupResponse } } },
    400: {
      description: 'Neither email nor requesterId + helpdesk given',
      content: { 'application/json': { schema: ApiError } },
    },
    401: { description: 'No valid token or session', content: { 'application/json': { schema: ApiError } } },
    403: {
      description: 'Needs the lead, trainer or admin role',
      content: { 'application/json': { schema: ApiError } },
    },
    404: { description: 'No such customer', content: { 'application/json': { schema: ApiError } } },
  },
});

export const customersRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
customersRouter.use(lookup.getRoutingPath(), requireAgent);
customersRouter.openapi(lookup, async (c) => {
  const configured = TierRuleSet.safeParse((await configFor(c.var.db, c.var.agent)).tierRules);
  const found = await lookupCustomer(
    c.var.db,
    c.var.agent.org_id,
    c.req.valid('query'),
    configured.success ? configured.data : undefined,
  );
  if (!found)
    return c.json({ error: { code: 'not_found', message: 'No customer matches that email or requester id.' } }, 404);
  return c.json(found, 200);
});

customersRouter.use(forRules.getRoutingPath(), authenticate);
customersRouter.on('GET', forRules.getRoutingPath(), requireRole('lead', 'trainer', 'admin'));
customersRouter.openapi(forRules, async (c) => {
  const orgId = c.var.principal.orgId;
  const configured = TierRuleSet.safeParse((await readScope(c.var.db, orgId, '')).tierRules);
  const found = await lookupCustomer(
    c.var.db,
    orgId,
    c.req.valid('query'),
    configured.success ? configured.data : undefined,
  );
  if (!found)
    return c.json({ error: { code: 'not_found', message: 'No customer matches that email or requester id.' } }, 404);
  return c.json(found, 200);
});
