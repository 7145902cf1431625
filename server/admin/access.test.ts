import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from '../testing';

const skipPostgres = await postgresUnavailableReason();
const ORIGIN = 'http://localhost';

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`identity and access on ${kind}`, () => {
    let t: TestApp;
    let admin: string;
    beforeAll(async () => {
      t = await createTestApp(kind);
      admin = await tokenForUser(t.database.db, 'admin@acme.test');
    });
    afterAll(async () => {
      await t?.close();
    });

    const asAdmin = (path: string, method = 'GET', body?: unknown) =>
      t.app.request(path, {
        method,
        headers: { authorization: `Bearer ${admin}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const signIn = (email: string, password: string) =>
      t.app.request('/api/v1/sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
    const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    it('signs a console user in with an HttpOnly, SameSite=Strict cookie and knows who they are', async () => {
      const response = await signIn('Lee@Acme.test', 'demo-lead');
      expect(response.status).toBe(200);
      const setCookie = response.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/^desklens_session=dl_session_/);
      expect(setCookie).toContain('HttpOnly');
      expect(setCookie).toContain('SameSite=Strict');
      const me = await t.app.request('/api/v1/me', { headers: { cookie: cookieOf(response) } });
      expect(await me.json()).toMatchObject({
        user: { email: 'lee@acme.test', role: 'lead' },
        teamIds: [t.demo.teamId],
        via: 'session',
      });
      // Only the hash of the secret is stored.
      const secret = cookieOf(response).split('=')[1] ?? '';
      const stored = await t.database.db.selectFrom('sessions').select('secret_hash').execute();
      expect(stored.some((row) => row.secret_hash === secret)).toBe(false);
    });

    it('answers a wrong password and an unknown email the same way', async () => {
      const wrong = await signIn('lee@acme.test', 'not-the-password');
      const unknown = await signIn('nobody@acme.test', 'not-the-password');
      expect([wrong.status, unknown.status]).toEqual([401, 401]);
      expect(await wrong.json()).toEqual(await unknown.json());
    });

    it('answers 429 after ten failed sign-ins for one email, without blocking other emails', async () => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 11; attempt++) statuses.push((await signIn('lin@acme.test', 'guess')).status);
      expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
      const blocked = await signIn('lin@acme.test', 'guess');
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await signIn('tara@acme.test', 'demo-trainer')).status).toBe(200);
    });

    it('refuses cross-site changes with a session cookie, and signs out', async () => {
      const cookie = cookieOf(await signIn('admin@acme.test', 'demo-admin'));
      const crossSite = await t.app.request('/api/v1/teams', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', origin: 'https://evil.example' },
        body: JSON.stringify({ name: 'Evil', slug: 'evil' }),
      });
      expect(crossSite.status).toBe(403);
      const sameOrigin = await t.app.request('/api/v1/teams', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', origin: ORIGIN },
        body: JSON.stringify({ name: 'Night shift', slug: 'night' }),
      });
      expect(sameOrigin.status).toBe(201);
      const out = await t.app.request('/api/v1/sessions/current', {
        method: 'DELETE',
        headers: { cookie, origin: ORIGIN },
      });
      expect(out.status).toBe(204);
      expect((await t.app.request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
    });

    it('issues a token once, which works until it is revoked', async () => {
      const issued = await asAdmin('/api/v1/tokens', 'POST', {
        kind: 'agent',
        userId: 'user_demo_bo',
        label: 'Bo laptop',
      });
      expect(issued.status).toBe(201);
      const { token, id } = (await issued.json()) as { token: string; id: string };
      const me = await t.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
      expect(await me.json()).toMatchObject({ user: { id: 'user_demo_bo' } });
      const list = JSON.stringify(await (await asAdmin('/api/v1/tokens')).json());
      expect(list).toContain(id);
      expect(list).not.toContain(token);
      expect((await asAdmin(`/api/v1/tokens/${id}`, 'DELETE')).status).toBe(200);
      expect((await t.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    });

    it('creates users, and a deactivated user’s tokens and sessions stop working', async () => {
      const created = await asAdmin('/api/v1/users', 'POST', {
        email: 'Sam@Acme.test',
        name: 'Sam Lead',
        role: 'lead',
        teamId: t.demo.otherTeamId,
        password: 'a-long-enough-password',
      });
      expect(created.status).toBe(201);
      const sam = (await created.json()) as { id: string; email: string };
      expect(sam.email).toBe('sam@acme.test');
      expect(
        (await asAdmin('/api/v1/users', 'POST', { email: 'sam@acme.test', name: 'Again', role: 'agent' })).status,
      ).toBe(409);
      const weak = await asAdmin('/api/v1/users', 'POST', {
        email: 'x@acme.test',
        name: 'X',
        role: 'agent',
        password: 'short',
      });
      expect(JSON.stringify(await weak.json())).toContain('password');
      await asAdmin(`/api/v1/users/${sam.id}/lead-teams`, 'PUT', { teamIds: [t.demo.teamId, t.demo.otherTeamId] });
      const cookie = cookieOf(await signIn('sam@acme.test', 'a-long-enough-password'));
      const me = (await (await t.app.request('/api/v1/me', { headers: { cookie } })).json()) as { teamIds: string[] };
      expect(me.teamIds.sort()).toEqual([t.demo.teamId, t.demo.otherTeamId].sort());
      // The user list says which teams each lead was given (the console's lead-teams choice starts from it).
      const listed = (await (await asAdmin('/api/v1/users?limit=500')).json()) as {
        users: { id: string; role: string; leadTeamIds?: string[] }[];
      };
      expect(listed.users.find((u) => u.id === sam.id)?.leadTeamIds?.sort()).toEqual(
        [t.demo.teamId, t.demo.otherTeamId].sort(),
      );
      expect(listed.users.filter((u) => u.role !== 'lead').every((u) => u.leadTeamIds === undefined)).toBe(true);
      const issued = (await (
        await asAdmin('/api/v1/tokens', 'POST', { kind: 'agent', userId: sam.id, label: 'Sam' })
      ).json()) as { token: string };
      expect((await asAdmin(`/api/v1/users/${sam.id}`, 'PATCH', { deactivated: true })).status).toBe(200);
      expect((await t.app.request('/api/v1/me', { headers: { cookie } })).status).toBe(401);
      expect((await t.app.request('/api/v1/me', { headers: { authorization: `Bearer ${issued.token}` } })).status).toBe(
        401,
      );
      expect((await signIn('sam@acme.test', 'a-long-enough-password')).status).toBe(401);
      // No token is issued that could never work; the list holds no new live token for Sam.
      const refused = await asAdmin('/api/v1/tokens', 'POST', { kind: 'agent', userId: sam.id, label: 'Sam again' });
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({ error: { code: 'user_deactivated' } });
      expect(JSON.stringify(await (await asAdmin('/api/v1/tokens?limit=500')).json())).not.toContain('Sam again');
      const self = await asAdmin('/api/v1/users/user_demo_adm', 'PATCH', { role: 'agent' });
      expect(self.status).toBe(409);
    });

    it('records every admin change in the audit log, newest first, page by page, without secrets', async () => {
      const first = (await (await asAdmin('/api/v1/audit?limit=2')).json()) as {
        entries: { action: string; at: string }[];
        next: string | null;
      };
      expect(first.entries).toHaveLength(2);
      expect(first.next).not.toBeNull();
      const all: { action: string; at: string; details: unknown }[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page = (await (await asAdmin(`/api/v1/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).json()) as {
          entries: typeof all;
          next: string | null;
        };
        all.push(...page.entries);
        cursor = page.next;
      }
      const actions = all.map((e) => e.action);
      for (const action of [
        'team.create',
        'token.issue',
        'token.revoke',
        'user.create',
        'user.lead_teams',
        'user.deactivate',
      ])
        expect(actions).toContain(action);
      expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort().reverse());
      expect(JSON.stringify(all)).not.toMatch(/a-long-enough-password|dl_agent_/);
      const filtered = (await (await asAdmin('/api/v1/audit?action=token.revoke')).json()) as {
        entries: { action: string }[];
      };
      expect(filtered.entries.every((e) => e.action === 'token.revoke')).toBe(true);
      expect((await asAdmin('/api/v1/audit?cursor=garbage')).status).toBe(400);
    });
  });
}

describe('per-token rate limit', () => {
  it('answers 429 with Retry-After past the limit, per token', async () => {
    const t = await createTestApp('sqlite', { rateLimitPerMinute: 5 });
    try {
      const ada = await tokenForUser(t.database.db, 'ada@acme.test');
      const bo = await tokenForUser(t.database.db, 'bo@acme.test');
      const me = (token: string) => t.app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await me(ada)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const limited = await me(ada);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
      expect((await me(bo)).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});
