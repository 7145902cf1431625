import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { recordAudit } from '../auth/audit';
import { authenticate, requireRole } from '../auth/middleware';
import type { AppEnv } from '../context';
import { apiError } from '../errors';
import { validationHook } from '../validation';
import { openAppSession, type SessionOutcome } from './session';
import { linkZendeskAgents, readZendeskAppSettings, writeZendeskAppSettings } from './settings';
import { sidebarAsset, sidebarPage } from './sidebar';
import { checkPublicKey } from './verify';
import { getZendeskApp, openZendeskAppSession, putZendeskAgents, putZendeskApp } from './zendesk-app.routes';

export const zendeskAppRouter = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
zendeskAppRouter.use('/api/v1/admin/zendesk-app', authenticate, requireRole('admin'));
zendeskAppRouter.use('/api/v1/admin/zendesk-app/*', authenticate, requireRole('admin'));

async function settingsOut(c: Context<AppEnv>, orgId: string) {
  const row = await readZendeskAppSettings(c.var.db, orgId);
  const { count } = await c.var.db
    .selectFrom('zendesk_agents')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return {
    configured: Boolean(row),
    subdomain: row?.subdomain ?? null,
    publicKey: row?.public_key ?? null,
    installationId: row?.installation_id ?? null,
    linkedAgents: Number(count),
    updatedAt: row?.updated_at ?? null,
  };
}

zendeskAppRouter.openapi(getZendeskApp, async (c) => c.json(await settingsOut(c, c.var.principal.orgId), 200));

zendeskAppRouter.openapi(putZendeskApp, async (c) => {
  const input = c.req.valid('json');
  const p = c.var.principal;
  const badKey = await checkPublicKey(input.publicKey);
  if (badKey) return apiError(c, 400, 'invalid_request', badKey, [{ path: 'publicKey', message: badKey }]);
  const other = await c.var.db
    .selectFrom('zendesk_app_settings')
    .select('org_id')
    .where('subdomain', '=', input.subdomain)
    .where('org_id', '!=', p.orgId)
    .executeTakeFirst();
  if (other)
    return apiError(c, 409, 'conflict', `${input.subdomain}.zendesk.com is set up by another organisation.`, [
      { path: 'subdomain', message: 'Taken' },
    ]);
  await c.var.db.transaction().execute(async (trx) => {
    await writeZendeskAppSettings(trx, p.orgId, input);
    await recordAudit(trx, p, {
      action: 'zendesk_app.settings_update',
      targetType: 'org',
      targetId: p.orgId,
      details: { subdomain: input.subdomain, installationId: input.installationId ?? null, keyChanged: true },
    });
  });
  return c.json(await settingsOut(c, p.orgId), 200);
});

zendeskAppRouter.openapi(putZendeskAgents, async (c) => {
  const { agents } = c.req.valid('json');
  const p = c.var.principal;
  const outcome = await c.var.db.transaction().execute(async (trx) => {
    const linked = await linkZendeskAgents(trx, p.orgId, agents);
    if (linked.unknownEmails.length === 0)
      await recordAudit(trx, p, {
        action: 'zendesk_app.agents_link',
        targetType: 'org',
        targetId: p.orgId,
        details: { agents: agents.map((a) => ({ zendeskUserId: a.zendeskUserId, email: a.email })) },
      });
    return linked;
  });
  if (outcome.unknownEmails.length > 0)
    return apiError(
      c,
      400,
      'invalid_request',
      'Some emails are no user of this organisation; nothing was linked.',
      outcome.unknownEmails.map((email) => ({ path: 'agents.email', message: `No user with email ${email}` })),
    );
  return c.json({ linked: outcome.linked }, 200);
});

/** Counted per client address before the token is even read, like every identity route. */
async function openLimited(c: Context<AppEnv>, token: string): Promise<SessionOutcome | { wait: number }> {
  const wait = await c.var.enrollmentLimiter.zendeskApp(c.var.clientAddress);
  if (wait > 0) return { wait };
  return openAppSession(c.var.db, token, { address: c.var.clientAddress });
}

zendeskAppRouter.openapi(openZendeskAppSession, async (c) => {
  const outcome = await openLimited(c, c.req.valid('json').token);
  if ('wait' in outcome) {
    c.header('retry-after', String(outcome.wait));
    return apiError(
      c,
      429,
      'rate_limited',
      `Too many Zendesk app sessions from this address; retry in ${outcome.wait} s.`,
    );
  }
  if ('refused' in outcome) return apiError(c, outcome.refused.status, outcome.refused.code, outcome.refused.message);
  return c.json(outcome.session, 201);
});

/**
 * The sidebar itself, where the app's manifest points (`signedUrls: true`): Zendesk's first request for it is a
 * POST whose form field `token` it signed for the agent at the screen. The page comes back with that agent's
 * session in it, or with why there is none (shown in the sidebar). Not part of the JSON API.
 */
zendeskAppRouter.post(
  '/zendesk-app/sidebar',
  // A signed token and Zendesk's few form fields; nothing larger is read.
  bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.text('The request is too large for a sidebar.', 413) }),
  async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const token = typeof form.token === 'string' ? form.token : '';
    if (!token)
      return sidebarPage(c, {
        refused: {
          code: 'zendesk_token_missing',
          message: 'Zendesk sent no signed token: the app must be installed with signed URLs.',
        },
      });
    const outcome = await openLimited(c, token);
    if ('wait' in outcome)
      return sidebarPage(c, {
        refused: { code: 'rate_limited', message: `Too many sidebars opened; retry in ${outcome.wait} s.` },
      });
    return sidebarPage(c, 'refused' in outcome ? { refused: outcome.refused } : { session: outcome.session });
  },
);
zendeskAppRouter.get('/zendesk-app/sidebar', (c) =>
  sidebarPage(c, {
    refused: {
      code: 'zendesk_token_missing',
      message: 'Zendesk sent no signed token: the app must be installed with signed URLs.',
    },
  }),
);
zendeskAppRouter.get('/zendesk-app/:file', sidebarAsset);
