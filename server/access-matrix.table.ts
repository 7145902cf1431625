import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './db/schema';
import type { DemoInfo } from './demo/seed';

/**
 * Who may call each route. server/access-matrix.test.ts calls every route in the OpenAPI document as every
 * demo principal and checks the status against this table; a route missing here fails that test, so a new
 * route cannot ship without a decision about who may call it.
 *
 * Each entry: `who` → the expected outcome for that caller. `ok` means any 2xx (or 304); numbers are exact
 * statuses. Callers not listed get `fallback` (default 403, "authenticated but not allowed"). Callers without
 * credentials or with a revoked token always expect 401 unless `public` is set.
 * `request` builds a valid request for the route; it runs once per caller, so it may create what it needs.
 */
export type Caller = 'ada' | 'bo' | 'lee' | 'lin' | 'tara' | 'admin';
export const CALLERS: Caller[] = ['ada', 'bo', 'lee', 'lin', 'tara', 'admin'];
export type Outcome = 'ok' | number;

export interface MatrixContext {
  db: Kysely<Database>;
  demo: DemoInfo;
  /** A fresh id, for bodies that create things. */
  unique: () => string;
}

/** A JSON body, or with `contentType` a raw text body (a CSV file). */
export interface MatrixRequest {
  path: string;
  body?: unknown;
  contentType?: string;
}

export interface MatrixEntry {
  /** e.g. `GET /api/v1/stats/satisfaction` (OpenAPI path with {params}). */
  route: string;
  /** A name for variants of the same route (own team / other team). */
  variant?: string;
  request: (ctx: MatrixContext) => Promise<MatrixRequest> | MatrixRequest;
  /** What each caller gets with an API token (Bearer). */
  expect: Partial<Record<Caller, Outcome>>;
  /**
   * What each caller gets with a console session cookie instead (writes from the console's origin); when left out,
   * the same as with a token. Routes only the extension calls (`requireAgent`) answer a session with 401.
   */
  session?: Partial<Record<Caller, Outcome>>;
  /** The call ends the session it is made with, so it gets a session of its own. */
  freshSession?: boolean;
  fallback?: Outcome;
  public?: boolean;
}

const everyone = (outcome: Outcome): Record<Caller, Outcome> => ({
  ada: outcome,
  bo: outcome,
  lee: outcome,
  lin: outcome,
  tara: outcome,
  admin: outcome,
});
const PERIOD = 'from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z';

/** An ended customer import of the demo organisation, for the routes that report one. */
async function endedImport(ctx: MatrixContext): Promise<string> {
  const id = `import_matrix_${ctx.unique()}`;
  const now = new Date().toISOString();
  await ctx.db
    .insertInto('customer_imports')
    .values({
      id,
      org_id: ctx.demo.orgId,
      actor_id: 'user_demo_adm',
      status: 'done',
      dry_run: 1,
      skip_bad_rows: 0,
      bytes_expected: 10,
      bytes_received: 10,
      bytes_checked: 10,
      rows_checked: 1,
      rows_to_apply: null,
      rows_applied: 0,
      report: null,
      error: null,
      created_at: now,
      updated_at: now,
      finished_at: now,
    })
    .execute();
  return id;
}

async function throwawayToken(ctx: MatrixContext): Promise<string> {
  const { newToken, storeToken } = await import('./auth/tokens');
  return storeToken(ctx.db, newToken('agent'), {
    org_id: ctx.demo.orgId,
    user_id: ctx.demo.agentId,
    team_id: ctx.demo.teamId,
    kind: 'agent',
    label: 'matrix throwaway',
    expires_at: null,
  });
}

const deviceSecret = () => randomBytes(32).toString('base64url');

/** One test key for the Zendesk app, as if Zendesk signed with it (server/zendesk-app/zaf-test-signer.ts). */
const zafSigner = import('./zendesk-app/zaf-test-signer').then((m) => m.createZafTestSigner());

/** The demo organisation's Zendesk app set up with the test key, Ada linked, and a fresh token Zendesk signed. */
async function signedSidebarToken(ctx: MatrixContext): Promise<string> {
  const { linkZendeskAgents, writeZendeskAppSettings } = await import('./zendesk-app/settings');
  const signer = await zafSigner;
  await writeZendeskAppSettings(ctx.db, ctx.demo.orgId, { subdomain: 'acme', publicKey: signer.publicKey });
  await linkZendeskAgents(ctx.db, ctx.demo.orgId, [{ zendeskUserId: '1001', email: 'ada@acme.test' }]);
  return signer.sign({ zendeskUserId: '1001' });
}

/** A Tier 1 browser waiting for approval, straight in the table. */
async function pendingDevice(ctx: MatrixContext, secret: string): Promise<string> {
  const { hashToken } = await import('./auth/tokens');
  const id = `device_${ctx.unique()}`;
  const now = new Date();
  await ctx.db
    .insertInto('devices')
    .values({
      id,
      org_id: ctx.demo.orgId,
      team_id: ctx.demo.teamId,
      method: 'approval',
      status: 'pending',
      email: `m-${ctx.unique()}@acme.test`,
      name: null,
      helpdesk_user_id: null,
      user_id: null,
      secret_hash: hashToken(secret),
      enrollment_token_id: 'matrix',
      token_id: null,
      requested_at: now.toISOString(),
      requested_from: null,
      expires_at: new Date(now.getTime() + 3_600_000).toISOString(),
      decided_by: null,
      decided_at: null,
      reason: null,
      claimed_at: null,
    })
    .execute();
  return id;
}

const SCRIPT_READERS: Partial<Record<Caller, Outcome>> = { lee: 'ok', lin: 'ok', tara: 'ok', admin: 'ok' };
const SCRIPT_WRITERS: Partial<Record<Caller, Outcome>> = { tara: 'ok', admin: 'ok' };

const matrixScript = (id: string) => ({
  id,
  title: 'Matrix',
  body: 'Hello {{customer.first_name | there}}',
  locale: 'en',
  scenario: 'greeting',
});

/** A draft script straight in the table, for routes that act on an existing one. */
async function matrixScriptIn(ctx: MatrixContext): Promise<string> {
  const { newVersionRow } = await import('./scripts/scripts.handlers');
  const id = `m-${ctx.unique()}`;
  await ctx.db
    .insertInto('scripts')
    .values(
      newVersionRow(
        ctx.demo.orgId,
        {
          ...matrixScript(id),
          locale: 'en',
          tags: [],
          tiers: [],
          grades: [],
          triggerKeywords: [],
          phrases: [],
          synonyms: [],
        },
        1,
        [],
      ),
    )
    .execute();
  return id;
}

const LEADS_AND_UP: Partial<Record<Caller, Outcome>> = { lee: 'ok', lin: 'ok', tara: 'ok', admin: 'ok' };
const TIER1_READERS: Partial<Record<Caller, Outcome>> = { lee: 'ok', tara: 'ok', admin: 'ok' };
const TIER2_READERS: Partial<Record<Caller, Outcome>> = { lin: 'ok', tara: 'ok', admin: 'ok' };

const matrixRule = (scope: { type: 'org' | 'team'; id?: string; eachTeam?: boolean }) => ({
  name: 'Matrix rule',
  metric: 'csat',
  scope,
  condition: { kind: 'threshold', direction: 'below', value: 50 },
  windowDays: 30,
  level: 'yellow',
  minimumN: 20,
  enabled: true,
});

/** An alert rule straight in the table: organisation-wide, or about one team. */
async function matrixRuleIn(ctx: MatrixContext, teamId?: string): Promise<string> {
  const { ruleRow } = await import('./alerts/alerts.rows');
  const id = `rule_matrix_${ctx.unique()}`;
  const rule = {
    name: 'Matrix rule',
    metric: 'csat' as const,
    scope: teamId ? { type: 'team' as const, id: teamId, eachTeam: false } : { type: 'org' as const, eachTeam: false },
    condition: { kind: 'threshold' as const, direction: 'below' as const, value: 50 },
    windowDays: 30,
    level: 'yellow' as const,
    minimumN: 20,
    enabled: true,
  };
  await ctx.db
    .insertInto('alert_rules')
    .values(ruleRow(id, ctx.demo.orgId, rule, new Date().toISOString()))
    .execute();
  return id;
}

/** A fired alert of one team, straight in the table. */
async function matrixAlertIn(ctx: MatrixContext, teamId: string): Promise<string> {
  const id = `alert_matrix_${ctx.unique()}`;
  const now = new Date().toISOString();
  await ctx.db
    .insertInto('alerts')
    .values({
      id,
      org_id: ctx.demo.orgId,
      rule_id: 'rule_matrix',
      firing_key: id,
      rule_name: 'Matrix rule',
      level: 'yellow',
      metric: 'csat',
      sla_metric: null,
      status: 'open',
      team_id: teamId,
      agent_id: null,
      tier_id: null,
      value: 40,
      n: 30,
      previous_value: null,
      previous_n: null,
      window_from: now,
      window_to: now,
      message: 'Matrix',
      fired_at: now,
      acknowledged_at: null,
      acknowledged_by: null,
      action_id: null,
    })
    .execute();
  return id;
}

const matrixAction = (teamId: string) => ({
  problem: { metric: 'csat', scopeType: 'team', scopeId: teamId, description: 'CSAT 81% in the last 30 days' },
  action: 'First reply within 30 minutes on every ticket',
  ownerId: 'user_demo_lee',
  plannedDate: '2026-11-15',
});

/** An improvement action of one team, straight in the table. */
async function matrixActionIn(ctx: MatrixContext, teamId: string): Promise<string> {
  const id = `action_matrix_${ctx.unique()}`;
  const now = new Date().toISOString();
  await ctx.db
    .insertInto('improvement_actions')
    .values({
      id,
      org_id: ctx.demo.orgId,
      team_id: teamId,
      metric: 'csat',
      dimension: null,
      scope_type: 'team',
      scope_id: teamId,
      problem: 'CSAT 81%',
      action: 'First reply within 30 minutes',
      owner_id: 'user_demo_lee',
      planned_date: '2026-11-15',
      actual_date: null,
      status: 'open',
      evidence_text: '',
      evidence_links: '[]',
      due_at: now,
      alert_id: null,
      created_at: now,
      created_by: 'user_demo_adm',
      updated_at: now,
    })
    .execute();
  return id;
}

export const ACCESS_MATRIX: MatrixEntry[] = [
  { route: 'GET /api/v1/health', request: () => ({ path: '/api/v1/health' }), expect: everyone('ok'), public: true },
  {
    route: 'GET /api/v1/openapi.json',
    request: () => ({ path: '/api/v1/openapi.json' }),
    expect: everyone('ok'),
    public: true,
  },
  {
    route: 'POST /api/v1/events',
    request: (ctx) => ({
      path: '/api/v1/events',
      body: {
        events: [
          {
            type: 'feedback',
            id: randomUUID(),
            occurredAt: '2026-11-20T10:00:00Z',
            helpdesk: 'zendesk',
            ticketId: `M-${ctx.unique()}`,
            customer: {},
            csat: 4,
          },
        ],
      },
    }),
    // Anyone with a token writes their own events (leads answer tickets too); the body cannot name another agent.
    expect: everyone('ok'),
    session: everyone(401),
  },
  {
    route: 'POST /api/v1/insights/search',
    request: () => ({
      path: '/api/v1/insights/search',
      body: {
        ticket: { helpdesk: 'zendesk', ticketId: '1001', url: 'https://acme.zendesk.com/agent/tickets/1001' },
        query: 'refund',
      },
    }),
    expect: everyone('ok'),
    // The Zendesk app's calls, made with the agent's token through Zendesk's proxy; a console session has no ticket.
    session: everyone(401),
  },
  {
    route: 'POST /api/v1/enroll',
    // The enrollment token in the body is the credential; a caller's own token plays no part. The answer is a
    // pending request, never a token.
    request: (ctx) => ({
      path: '/api/v1/enroll',
      body: {
        enrollmentToken: ctx.demo.enrollmentToken,
        agent: { email: `new-${ctx.unique()}@acme.test` },
        deviceSecret: deviceSecret(),
      },
    }),
    expect: everyone('ok'),
    public: true,
  },
  {
    route: 'POST /api/v1/enroll/claim',
    // The device secret is the credential.
    request: async (ctx) => {
      const secret = deviceSecret();
      return {
        path: '/api/v1/enroll/claim',
        body: { deviceId: await pendingDevice(ctx, secret), deviceSecret: secret },
      };
    },
    expect: everyone('ok'),
    public: true,
  },
  {
    route: 'POST /api/v1/enroll/password',
    request: (ctx) => ({
      path: '/api/v1/enroll/password',
      body: { enrollmentToken: ctx.demo.enrollmentToken, email: 'ada@acme.test', password: 'demo-agent' },
    }),
    expect: everyone('ok'),
    public: true,
  },
  {
    route: 'POST /api/v1/enroll/sso',
    // The demo organisation has no identity provider: refused for everyone alike (server/enroll/sso.test.ts runs one).
    request: (ctx) => ({
      path: '/api/v1/enroll/sso',
      body: {
        enrollmentToken: ctx.demo.enrollmentToken,
        redirectUri: 'https://goahlondhlgdmjjhmengplhcbjjlbcnd.chromiumapp.org/',
        codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        interactive: false,
      },
    }),
    expect: everyone(403),
    public: true,
  },
  {
    route: 'GET /api/v1/sso/authorize',
    request: () => ({ path: '/api/v1/sso/authorize?request=sso_none&redirect_uri=https%3A%2F%2Fx.chromiumapp.org%2F' }),
    expect: everyone(400),
    public: true,
  },
  {
    route: 'GET /api/v1/sso/callback',
    request: () => ({ path: '/api/v1/sso/callback?state=not-a-sign-in&code=x' }),
    expect: everyone(400),
    public: true,
  },
  {
    route: 'POST /api/v1/enroll/sso/token',
    request: () => ({
      path: '/api/v1/enroll/sso/token',
      body: { requestId: 'sso_none', code: 'x'.repeat(43), codeVerifier: 'v'.repeat(43) },
    }),
    expect: everyone(400),
    public: true,
  },
  {
    route: 'POST /api/v1/enroll/options',
    request: (ctx) => ({ path: '/api/v1/enroll/options', body: { enrollmentToken: ctx.demo.enrollmentToken } }),
    expect: everyone('ok'),
    public: true,
  },
  {
    route: 'POST /api/v1/zendesk-app/session',
    // The token Zendesk signed is the credential; whoever calls, the session is the linked agent's (Ada's).
    request: async (ctx) => ({ path: '/api/v1/zendesk-app/session', body: { token: await signedSidebarToken(ctx) } }),
    expect: everyone('ok'),
    public: true,
  },
  {
    route: 'GET /api/v1/admin/zendesk-app',
    request: () => ({ path: '/api/v1/admin/zendesk-app' }),
    expect: { admin: 'ok' },
  },
  {
    route: 'PUT /api/v1/admin/zendesk-app',
    request: async () => ({
      path: '/api/v1/admin/zendesk-app',
      body: { subdomain: 'acme', publicKey: (await zafSigner).publicKey },
    }),
    expect: { admin: 'ok' },
  },
  {
    route: 'PUT /api/v1/admin/zendesk-app/agents',
    request: () => ({
      path: '/api/v1/admin/zendesk-app/agents',
      body: { agents: [{ zendeskUserId: '1002', email: 'bo@acme.test' }] },
    }),
    expect: { admin: 'ok' },
  },
  {
    route: 'GET /api/v1/identity/settings',
    request: () => ({ path: '/api/v1/identity/settings' }),
    expect: { admin: 'ok' },
  },
  {
    route: 'PUT /api/v1/identity/settings',
    request: () => ({
      path: '/api/v1/identity/settings',
      body: { preferredMode: 'approval', allowedModes: ['approval', 'password'], oidc: null },
    }),
    expect: { admin: 'ok' },
  },
  {
    route: 'GET /api/v1/devices',
    variant: 'own teams',
    request: () => ({ path: '/api/v1/devices' }),
    expect: { lee: 'ok', lin: 'ok', admin: 'ok' },
  },
  {
    route: 'GET /api/v1/devices',
    variant: 'Tier 1',
    request: (ctx) => ({ path: `/api/v1/devices?teamId=${ctx.demo.teamId}` }),
    expect: { lee: 'ok', admin: 'ok' },
  },
  {
    route: 'GET /api/v1/devices',
    variant: 'Tier 2',
    request: (ctx) => ({ path: `/api/v1/devices?teamId=${ctx.demo.otherTeamId}` }),
    expect: { lin: 'ok', admin: 'ok' },
  },
  ...(['approve', 'reject', 'revoke'] as const).map(
    (decision): MatrixEntry => ({
      route: `POST /api/v1/devices/{id}/${decision}`,
      // A Tier 1 browser: its lead and admins decide; Tier 2's lead may not.
      request: async (ctx) => ({
        path: `/api/v1/devices/${await pendingDevice(ctx, deviceSecret())}/${decision}`,
        body: {},
      }),
      expect: { lee: 'ok', admin: 'ok' },
    }),
  ),
  {
    route: 'GET /api/v1/fleet',
    request: () => ({ path: '/api/v1/fleet?days=7' }),
    expect: { admin: 'ok' },
  },
  {
    route: 'GET /api/v1/catalog',
    request: () => ({ path: '/api/v1/catalog' }),
    expect: everyone('ok'),
    session: everyone(401),
  },
  {
    route: 'GET /api/v1/config',
    request: () => ({ path: '/api/v1/config' }),
    expect: everyone('ok'),
    session: everyone(401),
  },
  {
    route: 'GET /api/v1/customers/lookup',
    request: () => ({ path: '/api/v1/customers/lookup?email=grace%40example.com' }),
    expect: everyone('ok'),
    session: everyone(401),
  },
  {
    route: 'GET /api/v1/customers/for-rules',
    request: () => ({ path: '/api/v1/customers/for-rules?email=grace%40example.com' }),
    expect: { lee: 'ok', lin: 'ok', tara: 'ok', admin: 'ok' },
  },
  {
    route: 'POST /api/v1/insights',
    request: () => ({
      path: '/api/v1/insights',
      body: {
        ticket: {
          helpdesk: 'zendesk',
          ticketId: '1001',
          url: 'https://acme.zendesk.com/agent/tickets/1001',
          requester: { email: 'grace@example.com' },
        },
      },
    }),
    expect: everyone('ok'),
    session: everyone(401),
  },
  ...(['satisfaction', 'service', 'scripts', 'scores'] as const).flatMap((kind): MatrixEntry[] => [
    {
      route: `GET /api/v1/stats/${kind}`,
      variant: 'own figures (no scope)',
      request: () => ({ path: `/api/v1/stats/${kind}?${PERIOD}` }),
      expect: everyone('ok'),
    },
    {
      route: `GET /api/v1/stats/${kind}`,
      variant: 'Tier 1',
      request: (ctx) => ({ path: `/api/v1/stats/${kind}?${PERIOD}&teamId=${ctx.demo.teamId}` }),
      expect: { ada: 'ok', lee: 'ok', tara: 'ok', admin: 'ok' },
    },
    {
      route: `GET /api/v1/stats/${kind}`,
      variant: 'Tier 2',
      request: (ctx) => ({ path: `/api/v1/stats/${kind}?${PERIOD}&teamId=${ctx.demo.otherTeamId}` }),
      expect: { bo: 'ok', lin: 'ok', tara: 'ok', admin: 'ok' },
    },
    {
      route: `GET /api/v1/stats/${kind}`,
      variant: 'another agent',
      request: (ctx) => ({ path: `/api/v1/stats/${kind}?${PERIOD}&agentId=${ctx.demo.agentId}` }),
      // Leads may ask for an agent; the figures stay within their own teams.
      expect: { ada: 'ok', lee: 'ok', lin: 'ok', tara: 'ok', admin: 'ok' },
    },
  ]),
  {
    route: 'POST /api/v1/sessions',
    request: () => ({ path: '/api/v1/sessions', body: { email: 'lee@acme.test', password: 'demo-lead' } }),
    expect: everyone('ok'),
    public: true,
  },
  // Signing out needs a console session; a token is told so.
  {
    route: 'DELETE /api/v1/sessions/current',
    request: () => ({ path: '/api/v1/sessions/current' }),
    expect: everyone(401),
    session: everyone('ok'),
    freshSession: true,
  },
  { route: 'GET /api/v1/me', request: () => ({ path: '/api/v1/me' }), expect: everyone('ok') },
  {
    route: 'POST /api/v1/me/password',
    // Only a console session may change its password; the wrong current password makes it a 400 that changes nothing.
    request: () => ({
      path: '/api/v1/me/password',
      body: { currentPassword: 'not-the-password', newPassword: 'a-new-long-password' },
    }),
    expect: everyone(403),
    session: everyone(400),
  },
  {
    route: 'GET /api/v1/teams',
    request: () => ({ path: '/api/v1/teams' }),
    expect: { lee: 'ok', lin: 'ok', tara: 'ok', admin: 'ok' },
  },
  {
    route: 'POST /api/v1/teams',
    request: (ctx) => ({ path: '/api/v1/teams', body: { name: 'Matrix', slug: `matrix-${ctx.unique()}` } }),
    expect: { admin: 'ok' },
  },
  {
    route: 'PATCH /api/v1/teams/{id}',
    request: (ctx) => ({ path: `/api/v1/teams/${ctx.demo.otherTeamId}`, body: { name: 'Tier 2' } }),
    expect: { admin: 'ok' },
  },
  {
    route: 'GET /api/v1/teams/{id}/members',
    variant: 'Tier 1',
    request: (ctx) => ({ path: `/api/v1/teams/${ctx.demo.teamId}/members` }),
    expect: { lee: 'ok', admin: 'ok' },
  },
  {
    route: 'GET /api/v1/teams/{id}/members',
    variant: 'Tier 2',
    request: (ctx) => ({ path: `/api/v1/teams/${ctx.demo.otherTeamId}/members` }),
    expect: { lin: 'ok', admin: 'ok' },
  },
  { route: 'GET /api/v1/users', request: () => ({ path: '/api/v1/users' }), expect: { admin: 'ok' } },
  {
    route: 'POST /api/v1/users',
    request: (ctx) => ({
      path: '/api/v1/users',
      body: { email: `m-${ctx.unique()}@acme.test`, name: 'Matrix', role: 'agent' },
    }),
    expect: { admin: 'ok' },
  },
  {
    route: 'PATCH /api/v1/users/{id}',
    request: () => ({ path: '/api/v1/users/user_demo_bo', body: { name: 'Bo Agent' } }),
    expect: { admin: 'ok' },
  },
  {
    route: 'PUT /api/v1/users/{id}/lead-teams',
    request: (ctx) => ({ path: '/api/v1/users/user_demo_lin/lead-teams', body: { teamIds: [ctx.demo.otherTeamId] } }),
    expect: { admin: 'ok' },
  },
  { route: 'GET /api/v1/tokens', request: () => ({ path: '/api/v1/tokens' }), expect: { admin: 'ok' } },
  {
    route: 'POST /api/v1/tokens',
    request: (ctx) => ({
      path: '/api/v1/tokens',
      body: { kind: 'enrollment', teamId: ctx.demo.teamId, label: 'matrix' },
    }),
    expect: { admin: 'ok' },
  },
  {
    route: 'DELETE /api/v1/tokens/{id}',
    request: async (ctx) => ({ path: `/api/v1/tokens/${await throwawayToken(ctx)}` }),
    expect: { admin: 'ok' },
  },
  { route: 'GET /api/v1/audit', request: () => ({ path: '/api/v1/audit' }), expect: { admin: 'ok' } },
  {
    route: 'GET /api/v1/rules/{kind}',
    variant: 'the organisation’s',
    request: () => ({ path: '/api/v1/rules/sla-policies' }),
    expect: { lee: 'ok', lin: 'ok', tara: 'ok', admin: 'ok' },
  },
  {
    route: 'GET /api/v1/rules/{kind}',
    variant: 'Tier 1',
    request: (ctx) => ({ path: `/api/v1/rules/tiers?teamId=${ctx.demo.teamId}` }),
    expect: { lee: 'ok', tara: 'ok', admin: 'ok' },
  },
  {
    route: 'GET /api/v1/rules/{kind}',
    variant: 'Tier 2',
    request: (ctx) => ({ path: `/api/v1/rules/tiers?teamId=${ctx.demo.otherTeamId}` }),
    expect: { lin: 'ok', tara: 'ok', admin: 'ok' },
  },
  ...(['teamId', 'otherTeamId'] as const).map(
    (team): MatrixEntry => ({
      route: 'PUT /api/v1/rules/{kind}',
      variant: team === 'teamId' ? 'Tier 1' : 'Tier 2',
      request: (ctx) => ({ path: `/api/v1/rules/notification-lead?teamId=${ctx.demo[team]}`, body: { value: 20 } }),
      expect: { admin: 'ok' },
    }),
  ),
  {
    route: 'PUT /api/v1/rules/{kind}',
    variant: 'the organisation’s',
    request: () => ({
      path: '/api/v1/rules/calendars',
      body: { value: [{ id: 'berlin', timeZone: 'Europe/Berlin', weekly: { mon: [['09:00', '17:00']] } }] },
    }),
    expect: { admin: 'ok' },
  },
  {
    route: 'POST /api/v1/customers/import',
    request: (ctx) => ({
      path: '/api/v1/customers/import',
      body: `id,email\nmatrix-${ctx.unique()},m@example.com\n`,
      contentType: 'text/csv',
    }),
    expect: { admin: 'ok' },
  },
  {
    route: 'GET /api/v1/customers/imports',
    request: () => ({ path: '/api/v1/customers/imports' }),
    expect: { admin: 'ok' },
  },
  {
    route: 'GET /api/v1/customers/imports/{id}',
    request: async (ctx) => ({ path: `/api/v1/customers/imports/${await endedImport(ctx)}` }),
    expect: { admin: 'ok' },
  },
  {
    route: 'GET /api/v1/customers/imports/{id}/events',
    request: async (ctx) => ({ path: `/api/v1/customers/imports/${await endedImport(ctx)}/events` }),
    expect: { admin: 'ok' },
  },
  { route: 'GET /api/v1/scripts', request: () => ({ path: '/api/v1/scripts' }), expect: SCRIPT_READERS },
  { route: 'GET /api/v1/script-priors', request: () => ({ path: '/api/v1/script-priors' }), expect: SCRIPT_READERS },
  {
    route: 'GET /api/v1/scripts',
    variant: 'Tier 1',
    request: (ctx) => ({ path: `/api/v1/scripts?teamId=${ctx.demo.teamId}` }),
    expect: { lee: 'ok', tara: 'ok', admin: 'ok' },
  },
  {
    route: 'GET /api/v1/scripts',
    variant: 'Tier 2',
    request: (ctx) => ({ path: `/api/v1/scripts?teamId=${ctx.demo.otherTeamId}` }),
    expect: { lin: 'ok', tara: 'ok', admin: 'ok' },
  },
  {
    route: 'POST /api/v1/scripts',
    request: (ctx) => ({ path: '/api/v1/scripts', body: { script: matrixScript(`m-${ctx.unique()}`) } }),
    expect: SCRIPT_WRITERS,
  },
  {
    route: 'GET /api/v1/scripts/{id}',
    request: () => ({ path: '/api/v1/scripts/greeting-en' }),
    expect: SCRIPT_READERS,
  },
  {
    route: 'PUT /api/v1/scripts/{id}',
    request: async (ctx) => {
      const id = await matrixScriptIn(ctx);
      return {
        path: `/api/v1/scripts/${id}`,
        body: { expectedVersion: 1, script: { ...matrixScript(id), id: undefined } },
      };
    },
    expect: SCRIPT_WRITERS,
  },
  {
    route: 'GET /api/v1/scripts/{id}/versions',
    request: () => ({ path: '/api/v1/scripts/greeting-en/versions' }),
    expect: SCRIPT_READERS,
  },
  {
    route: 'GET /api/v1/scripts/{id}/diff',
    request: () => ({ path: '/api/v1/scripts/greeting-en/diff?from=1&to=1' }),
    expect: SCRIPT_READERS,
  },
  {
    route: 'POST /api/v1/scripts/{id}/publish',
    request: async (ctx) => ({ path: `/api/v1/scripts/${await matrixScriptIn(ctx)}/publish`, body: { version: 1 } }),
    expect: SCRIPT_WRITERS,
  },
  {
    route: 'POST /api/v1/scripts/{id}/retire',
    request: async (ctx) => ({ path: `/api/v1/scripts/${await matrixScriptIn(ctx)}/retire` }),
    expect: SCRIPT_WRITERS,
  },
  // The console (issue 14): alert rules are read by leads and managed by admins; fired alerts, actions, rankings
  // and live events stay within the caller's teams.
  { route: 'GET /api/v1/alert-rules', request: () => ({ path: '/api/v1/alert-rules' }), expect: LEADS_AND_UP },
  {
    route: 'POST /api/v1/alert-rules',
    request: (ctx) => ({ path: '/api/v1/alert-rules', body: matrixRule({ type: 'team', id: ctx.demo.teamId }) }),
    expect: { admin: 'ok' },
  },
  {
    route: 'GET /api/v1/alert-rules/{id}',
    variant: 'the organisation’s',
    request: async (ctx) => ({ path: `/api/v1/alert-rules/${await matrixRuleIn(ctx)}` }),
    expect: LEADS_AND_UP,
  },
  {
    route: 'GET /api/v1/alert-rules/{id}',
    variant: 'Tier 1',
    request: async (ctx) => ({ path: `/api/v1/alert-rules/${await matrixRuleIn(ctx, ctx.demo.teamId)}` }),
    expect: TIER1_READERS,
  },
  {
    route: 'PATCH /api/v1/alert-rules/{id}',
    request: async (ctx) => ({ path: `/api/v1/alert-rules/${await matrixRuleIn(ctx)}`, body: { level: 'red' } }),
    expect: { admin: 'ok' },
  },
  {
    route: 'DELETE /api/v1/alert-rules/{id}',
    request: async (ctx) => ({ path: `/api/v1/alert-rules/${await matrixRuleIn(ctx)}` }),
    expect: { admin: 'ok' },
  },
  { route: 'GET /api/v1/alerts', request: () => ({ path: '/api/v1/alerts' }), expect: LEADS_AND_UP },
  {
    route: 'GET /api/v1/alerts',
    variant: 'Tier 1',
    request: (ctx) => ({ path: `/api/v1/alerts?teamId=${ctx.demo.teamId}` }),
    expect: TIER1_READERS,
  },
  {
    route: 'GET /api/v1/alerts',
    variant: 'Tier 2',
    request: (ctx) => ({ path: `/api/v1/alerts?teamId=${ctx.demo.otherTeamId}` }),
    expect: TIER2_READERS,
  },
  {
    route: 'POST /api/v1/alerts/{id}/acknowledge',
    variant: 'Tier 1',
    request: async (ctx) => ({ path: `/api/v1/alerts/${await matrixAlertIn(ctx, ctx.demo.teamId)}/acknowledge` }),
    expect: { lee: 'ok', admin: 'ok' },
  },
  {
    route: 'POST /api/v1/alerts/evaluate',
    request: () => ({ path: '/api/v1/alerts/evaluate' }),
    expect: { admin: 'ok' },
  },
  { route: 'GET /api/v1/actions', request: () => ({ path: '/api/v1/actions' }), expect: LEADS_AND_UP },
  {
    route: 'GET /api/v1/actions',
    variant: 'Tier 1',
    request: (ctx) => ({ path: `/api/v1/actions?teamId=${ctx.demo.teamId}` }),
    expect: TIER1_READERS,
  },
  {
    route: 'GET /api/v1/actions',
    variant: 'Tier 2',
    request: (ctx) => ({ path: `/api/v1/actions?teamId=${ctx.demo.otherTeamId}` }),
    expect: TIER2_READERS,
  },
  {
    route: 'POST /api/v1/actions',
    variant: 'Tier 1',
    request: (ctx) => ({ path: '/api/v1/actions', body: matrixAction(ctx.demo.teamId) }),
    expect: { lee: 'ok', admin: 'ok' },
  },
  {
    route: 'GET /api/v1/actions/{id}',
    variant: 'Tier 1',
    request: async (ctx) => ({ path: `/api/v1/actions/${await matrixActionIn(ctx, ctx.demo.teamId)}` }),
    expect: TIER1_READERS,
  },
  {
    route: 'PATCH /api/v1/actions/{id}',
    variant: 'Tier 1',
    request: async (ctx) => ({
      path: `/api/v1/actions/${await matrixActionIn(ctx, ctx.demo.teamId)}`,
      body: { status: 'in_progress' },
    }),
    expect: { lee: 'ok', admin: 'ok' },
  },
  {
    route: 'GET /api/v1/actions/{id}/before-after',
    variant: 'Tier 1',
    request: async (ctx) => ({ path: `/api/v1/actions/${await matrixActionIn(ctx, ctx.demo.teamId)}/before-after` }),
    expect: TIER1_READERS,
  },
  {
    route: 'GET /api/v1/quality-settings',
    request: () => ({ path: '/api/v1/quality-settings' }),
    expect: LEADS_AND_UP,
  },
  {
    route: 'PATCH /api/v1/quality-settings',
    request: () => ({ path: '/api/v1/quality-settings', body: { actionDueHours: 72 } }),
    expect: { admin: 'ok' },
  },
  {
    route: 'GET /api/v1/stats/ranking',
    variant: 'own teams',
    request: () => ({ path: `/api/v1/stats/ranking?${PERIOD}` }),
    expect: LEADS_AND_UP,
  },
  {
    route: 'GET /api/v1/stats/ranking',
    variant: 'Tier 1',
    request: (ctx) => ({ path: `/api/v1/stats/ranking?${PERIOD}&teamId=${ctx.demo.teamId}` }),
    expect: TIER1_READERS,
  },
  {
    route: 'GET /api/v1/stats/ranking',
    variant: 'Tier 2',
    request: (ctx) => ({ path: `/api/v1/stats/ranking?${PERIOD}&teamId=${ctx.demo.otherTeamId}` }),
    expect: TIER2_READERS,
  },
  // The stream answers at once with its headers; the matrix reads only the status.
  { route: 'GET /api/v1/live', request: () => ({ path: '/api/v1/live' }), expect: LEADS_AND_UP },
  {
    route: 'GET /api/v1/live/scores',
    request: () => ({ path: '/api/v1/live/scores?after=2026-11-01T00:00:00Z' }),
    expect: LEADS_AND_UP,
  },
];
