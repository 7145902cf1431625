import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from '../testing';
import { createZafTestSigner, type ZafTestSigner } from './zaf-test-signer';

const skipPostgres = await postgresUnavailableReason();

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`Zendesk app sessions from signed tokens on ${kind}`, () => {
    let t: TestApp;
    let zendesk: ZafTestSigner;
    let admin: string;
    let appDir: string;
    const send = (method: string, path: string, body: unknown, token?: string) =>
      t.app.request(path, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    const open = (token: string) => send('POST', '/api/v1/zendesk-app/session', { token });
    const score = (token: string, ticketId: string, extra: Record<string, unknown> = {}) =>
      send(
        'POST',
        '/api/v1/events',
        {
          events: [
            {
              type: 'feedback',
              id: randomUUID(),
              occurredAt: new Date().toISOString(),
              helpdesk: 'zendesk',
              ticketId,
              csat: 4,
              ...extra,
            },
          ],
        },
        token,
      );
    const userId = (email: string) => t.demo.users.find((u) => u.email === email)?.id;
    const codeOf = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;

    beforeAll(async () => {
      appDir = await mkdtemp(join(tmpdir(), 'desklens-zendesk-app-'));
      await writeFile(join(appDir, 'iframe.html'), '<html><head><title>DeskLens</title></head><body></body></html>');
      t = await createTestApp(kind, { zendeskAppDir: appDir });
      zendesk = await createZafTestSigner();
      admin = await tokenForUser(t.database.db, 'admin@acme.test');
    });
    afterAll(async () => {
      await t?.close();
      await rm(appDir, { recursive: true, force: true });
    });

    it('refuses every token while no organisation has set up the account, saying so', async () => {
      const answer = await open(await zendesk.sign({ zendeskUserId: '1001' }));
      expect(answer.status).toBe(403);
      expect(await codeOf(answer)).toBe('zendesk_app_not_configured');
    });

    it('lets only an admin set the account and key, and checks the key before saving', async () => {
      const ada = await tokenForUser(t.database.db, 'ada@acme.test');
      expect(
        (await send('PUT', '/api/v1/admin/zendesk-app', { subdomain: 'acme', publicKey: zendesk.publicKey }, ada))
          .status,
      ).toBe(403);
      const notAKey = await send(
        'PUT',
        '/api/v1/admin/zendesk-app',
        { subdomain: 'acme', publicKey: 'x'.repeat(200) },
        admin,
      );
      expect(notAKey.status).toBe(400);
      expect(JSON.stringify(await notAKey.json())).toContain('publicKey');
      const saved = await send(
        'PUT',
        '/api/v1/admin/zendesk-app',
        { subdomain: 'acme', publicKey: zendesk.publicKey },
        admin,
      );
      expect(saved.status).toBe(200);
      expect(await saved.json()).toMatchObject({ configured: true, subdomain: 'acme', installationId: null });
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'zendesk_app.settings_update')
        .execute();
      expect(audit).toHaveLength(1);
    });

    it('links Zendesk agents by email, all or nothing', async () => {
      const unknown = await send(
        'PUT',
        '/api/v1/admin/zendesk-app/agents',
        {
          agents: [
            { zendeskUserId: '1001', email: 'ada@acme.test' },
            { zendeskUserId: '1009', email: 'nobody@acme.test' },
          ],
        },
        admin,
      );
      expect(unknown.status).toBe(400);
      expect(JSON.stringify(await unknown.json())).toContain('nobody@acme.test');
      expect(await t.database.db.selectFrom('zendesk_agents').select('user_id').execute()).toEqual([]);
      const twice = await send(
        'PUT',
        '/api/v1/admin/zendesk-app/agents',
        {
          agents: [
            { zendeskUserId: '1001', email: 'ada@acme.test' },
            { zendeskUserId: '1001', email: 'bo@acme.test' },
          ],
        },
        admin,
      );
      expect(twice.status).toBe(400);
      expect(await twice.json()).toMatchObject({
        error: { issues: [{ path: 'agents.1.zendeskUserId', message: expect.stringContaining('agents.0') }] },
      });
      expect(await t.database.db.selectFrom('zendesk_agents').select('user_id').execute()).toEqual([]);
      const linked = await send(
        'PUT',
        '/api/v1/admin/zendesk-app/agents',
        {
          agents: [
            { zendeskUserId: '1001', email: 'ada@acme.test' },
            { zendeskUserId: '1002', email: 'BO@acme.test' },
          ],
        },
        admin,
      );
      expect(linked.status).toBe(200);
      expect(await linked.json()).toEqual({ linked: 2 });
    });

    it('opens a session for the agent Zendesk signed for, and their score is credited to them', async () => {
      const answer = await open(await zendesk.sign({ zendeskUserId: '1001' }));
      expect(answer.status).toBe(201);
      const session = (await answer.json()) as { token: string; expiresAt: string; agent: { email: string } };
      expect(session.agent.email).toBe('ada@acme.test');
      expect(new Date(session.expiresAt).getTime()).toBeGreaterThan(Date.now());
      expect((await score(session.token, 'zaf-1')).status).toBe(200);
      const rows = await t.database.db
        .selectFrom('feedback')
        .select(['agent_id'])
        .where('ticket_id', '=', 'zaf-1')
        .execute();
      expect(rows).toEqual([{ agent_id: userId('ada@acme.test') }]);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['actor_id', 'details'])
        .where('action', '=', 'zendesk_app.session')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.actor_id).toBe(userId('ada@acme.test'));
      expect(audit[0]?.details).toContain('"zendeskUserId":"1001"');
    });

    it('two agents each get their own session, and their scores land under their own ids', async () => {
      const bo = (await (await open(await zendesk.sign({ zendeskUserId: '1002' }))).json()) as { token: string };
      const ada = (await (await open(await zendesk.sign({ zendeskUserId: '1001' }))).json()) as { token: string };
      expect((await score(bo.token, 'zaf-2')).status).toBe(200);
      expect((await score(ada.token, 'zaf-3')).status).toBe(200);
      const rows = await t.database.db
        .selectFrom('feedback')
        .select(['ticket_id', 'agent_id'])
        .where('ticket_id', 'in', ['zaf-2', 'zaf-3'])
        .orderBy('ticket_id')
        .execute();
      expect(rows).toEqual([
        { ticket_id: 'zaf-2', agent_id: userId('bo@acme.test') },
        { ticket_id: 'zaf-3', agent_id: userId('ada@acme.test') },
      ]);
    });

    it('a token signed with another key is refused', async () => {
      const stranger = await createZafTestSigner();
      const answer = await open(await stranger.sign({ zendeskUserId: '1001' }));
      expect(answer.status).toBe(401);
      expect(await codeOf(answer)).toBe('invalid_zendesk_token');
    });

    it('an expired token is refused, a little clock skew is not', async () => {
      const expired = await open(
        await zendesk.sign({ zendeskUserId: '1001', issuedAt: new Date(Date.now() - 10 * 60_000), expiresIn: 300 }),
      );
      expect(expired.status).toBe(401);
      expect(await codeOf(expired)).toBe('zendesk_token_expired');
      // Issued by a Zendesk clock 30 s ahead of ours.
      const skewed = await open(await zendesk.sign({ zendeskUserId: '1001', issuedAt: new Date(Date.now() + 30_000) }));
      expect(skewed.status).toBe(201);
    });

    it('a token of another Zendesk account, or for another account’s installation, is refused', async () => {
      const other = await open(await zendesk.sign({ zendeskUserId: '1001', subdomain: 'globex' }));
      expect(other.status).toBe(403);
      expect(await codeOf(other)).toBe('zendesk_app_not_configured');
      const mixed = await open(
        await zendesk.sign({
          zendeskUserId: '1001',
          claims: { aud: 'https://globex.zendesk.com/api/v2/apps/installations/1.json' },
        }),
      );
      expect(mixed.status).toBe(401);
      expect(await codeOf(mixed)).toBe('invalid_zendesk_token');
    });

    it('an unlinked Zendesk user gets a 403 that says why, and the refusal is audited', async () => {
      const answer = await open(await zendesk.sign({ zendeskUserId: '1999' }));
      expect(answer.status).toBe(403);
      const body = (await answer.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('zendesk_user_not_linked');
      expect(body.error.message).toContain('1999');
      const refusals = await t.database.db
        .selectFrom('audit_log')
        .select('details')
        .where('action', '=', 'zendesk_app.session_refused')
        .execute();
      expect(refusals.some((r) => r.details.includes('zendesk_user_not_linked'))).toBe(true);
    });

    it('a deactivated user, and a user in no team, get no session', async () => {
      const db = t.database.db;
      const base = {
        org_id: t.demo.orgId,
        role: 'agent' as const,
        password_hash: null,
        created_at: new Date().toISOString(),
      };
      await db
        .insertInto('users')
        .values([
          {
            ...base,
            id: 'user_zaf_gone',
            team_id: t.demo.teamId,
            email: 'gone@acme.test',
            name: 'Gone',
            deactivated_at: new Date().toISOString(),
          },
          { ...base, id: 'user_zaf_loose', team_id: null, email: 'loose@acme.test', name: 'Loose' },
        ])
        .execute();
      await send(
        'PUT',
        '/api/v1/admin/zendesk-app/agents',
        {
          agents: [
            { zendeskUserId: '1003', email: 'gone@acme.test' },
            { zendeskUserId: '1004', email: 'loose@acme.test' },
          ],
        },
        admin,
      );
      const gone = await open(await zendesk.sign({ zendeskUserId: '1003' }));
      expect(gone.status).toBe(403);
      expect(await codeOf(gone)).toBe('user_deactivated');
      const loose = await open(await zendesk.sign({ zendeskUserId: '1004' }));
      expect(loose.status).toBe(403);
      expect(await codeOf(loose)).toBe('user_without_team');
    });

    it('a signed token opens one session only: a copy replayed by another agent opens nothing', async () => {
      const adas = await zendesk.sign({ zendeskUserId: '1001' });
      expect((await open(adas)).status).toBe(201);
      const replay = await open(adas);
      expect(replay.status).toBe(401);
      expect(await codeOf(replay)).toBe('zendesk_token_used');
    });

    it('neither Zendesk’s token itself nor a body naming another agent writes a score in someone else’s name', async () => {
      const adas = await zendesk.sign({ zendeskUserId: '1001' });
      expect((await score(adas, 'zaf-4')).status).toBe(401);
      const bo = (await (await open(await zendesk.sign({ zendeskUserId: '1002' }))).json()) as { token: string };
      const named = await score(bo.token, 'zaf-5', { agentId: userId('ada@acme.test') });
      const rows = await t.database.db
        .selectFrom('feedback')
        .select('agent_id')
        .where('ticket_id', '=', 'zaf-5')
        .execute();
      // Either the unknown field is refused, or the score is Bo's: never Ada's.
      if (named.status === 200) expect(rows).toEqual([{ agent_id: userId('bo@acme.test') }]);
      else expect(rows).toEqual([]);
    });

    it('the sidebar page carries the agent’s session, or why there is none', async () => {
      const form = new URLSearchParams({ token: await zendesk.sign({ zendeskUserId: '1001' }) });
      const page = await t.app.request('/zendesk-app/sidebar?origin=https://acme.zendesk.com&app_guid=g', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-store');
      const html = await page.text();
      const launch = JSON.parse(
        /<script id="desklens-launch" type="application\/json">(.*?)<\/script>/.exec(html)?.[1] ?? '{}',
      );
      expect(launch.session.agent.email).toBe('ada@acme.test');
      const unsigned = await (await t.app.request('/zendesk-app/sidebar')).text();
      expect(unsigned).toContain('zendesk_token_missing');
      expect((await t.app.request('/zendesk-app/..%2Fsecret.js')).status).toBe(404);
      const huge = await t.app.request('/zendesk-app/sidebar', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `token=${'x'.repeat(100_000)}`,
      });
      expect(huge.status).toBe(413);
    });
  });
}

describe('Zendesk app sessions are rate-limited per address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { identityLimits: { zendeskAppSessionsPerAddressPerMinute: 3 } });
  });
  afterAll(async () => t?.close());

  it('answers 429 with Retry-After once an address opened too many', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 4; i++) {
      const answer = await t.app.request('/api/v1/zendesk-app/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: 'not-a-jwt' }),
      });
      statuses.push(answer.status);
      retryAfter = answer.headers.get('retry-after');
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
