import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCESS_MATRIX,
  CALLERS,
  type Caller,
  type MatrixContext,
  type MatrixRequest,
  type Outcome,
} from './access-matrix.table';
import { createTestApp, type TestApp } from './test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from './testing';

const skipPostgres = await postgresUnavailableReason();

const matches = (status: number, outcome: Outcome) =>
  outcome === 'ok' ? (status >= 200 && status < 300) || status === 304 : status === outcome;

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`authorization matrix on ${kind}`, () => {
    let t: TestApp;
    let ctx: MatrixContext;
    const tokens = {} as Record<Caller | 'revoked', string>;
    let endedSession = '';

    beforeAll(async () => {
      // Who may call what, not how often: the enrollment limits (one in-process address here) are tested elsewhere.
      t = await createTestApp(kind, {
        identityLimits: { enrollmentsPerAddressPerMinute: 100_000, enrollmentsPerTokenPerMinute: 100_000 },
      });
      ctx = { db: t.database.db, demo: t.demo, unique: () => randomUUID().slice(0, 8) };
      for (const caller of CALLERS) tokens[caller] = await tokenForUser(t.database.db, `${caller}@acme.test`);
      tokens.revoked = await tokenForUser(t.database.db, 'admin@acme.test');
      await t.database.db
        .updateTable('api_tokens')
        .set({ revoked_at: new Date().toISOString() })
        .where('label', '=', 'test token for admin@acme.test')
        .where('revoked_at', 'is', null)
        .execute();
      // The other admin token (the caller's own) was revoked too by the line above; issue it again.
      tokens.admin = await tokenForUser(t.database.db, 'admin@acme.test');
      for (const caller of CALLERS) sessions[caller] = await signIn(caller);
      endedSession = await signIn('admin');
      await t.app.request('/api/v1/sessions/current', {
        method: 'DELETE',
        headers: { cookie: endedSession, origin: 'http://localhost' },
      });
    });
    afterAll(async () => {
      await t?.close();
    });

    type Credential = { token: string } | { cookie: string } | undefined;
    const call = async (route: string, request: MatrixRequest, credential: Credential) => {
      const method = route.split(' ')[0] ?? 'GET';
      const raw = request.contentType !== undefined;
      return t.app.request(request.path, {
        method,
        headers: {
          ...(credential && 'token' in credential ? { authorization: `Bearer ${credential.token}` } : {}),
          // A console session writes from the console's own origin (the test app's is http://localhost).
          ...(credential && 'cookie' in credential ? { cookie: credential.cookie, origin: 'http://localhost' } : {}),
          ...(request.body !== undefined ? { 'content-type': request.contentType ?? 'application/json' } : {}),
        },
        ...(request.body !== undefined ? { body: raw ? String(request.body) : JSON.stringify(request.body) } : {}),
      });
    };
    const sessions = {} as Record<Caller, string>;
    const signIn = async (caller: Caller) => {
      const user = t.demo.users.find((u) => u.email === `${caller}@acme.test`);
      const response = await t.app.request('/api/v1/sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user?.email, password: user?.password }),
      });
      return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    };

    it('has an entry for every route the API documents', async () => {
      const doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, object> };
      const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
      );
      const covered = new Set(ACCESS_MATRIX.map((entry) => entry.route));
      expect(documented.filter((route) => !covered.has(route))).toEqual([]);
      // The document does not list itself; every other entry must be a documented route.
      const undocumented = [...covered].filter((route) => !documented.includes(route));
      expect(undocumented).toEqual(['GET /api/v1/openapi.json']);
    });

    it('tries every query parameter that names a team with the caller’s own team and with another team', async () => {
      const doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as {
        paths: Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>;
      };
      const missing: string[] = [];
      for (const [path, operations] of Object.entries(doc.paths))
        for (const [method, operation] of Object.entries(operations)) {
          const route = `${method.toUpperCase()} ${path}`;
          const teamParams = (operation.parameters ?? []).filter((p) => p.in === 'query' && /team/i.test(p.name));
          for (const { name } of teamParams) {
            const named = new Set<string>();
            for (const entry of ACCESS_MATRIX.filter((e) => e.route === route)) {
              const value = new URL((await entry.request(ctx)).path, 'http://x').searchParams.get(name);
              if (value) named.add(value);
            }
            for (const team of [t.demo.teamId, t.demo.otherTeamId])
              if (!named.has(team)) missing.push(`${route} ?${name}=${team}`);
          }
        }
      expect(missing).toEqual([]);
    });

    for (const entry of ACCESS_MATRIX) {
      const name = `${entry.route}${entry.variant ? ` (${entry.variant})` : ''}`;
      it(`${name}: each role gets what the table says`, async () => {
        const wrong: string[] = [];
        for (const caller of CALLERS) {
          const outcome = entry.expect[caller] ?? entry.fallback ?? 403;
          const response = await call(entry.route, await entry.request(ctx), { token: tokens[caller] });
          if (!matches(response.status, outcome))
            wrong.push(`${caller} (token): ${response.status} (expected ${outcome}) ${await response.text()}`);
        }
        for (const caller of CALLERS) {
          const outcome = (entry.session ?? entry.expect)[caller] ?? entry.fallback ?? 403;
          const cookie = entry.freshSession ? await signIn(caller) : sessions[caller];
          const response = await call(entry.route, await entry.request(ctx), { cookie });
          if (!matches(response.status, outcome))
            wrong.push(`${caller} (session): ${response.status} (expected ${outcome}) ${await response.text()}`);
        }
        if (!entry.public) {
          for (const [who, credential] of [
            ['no credentials', undefined],
            ['revoked token', { token: tokens.revoked }],
            ['ended session', { cookie: endedSession }],
          ] as const) {
            const response = await call(entry.route, await entry.request(ctx), credential);
            if (response.status !== 401) wrong.push(`${who}: ${response.status} (expected 401)`);
          }
        }
        expect(wrong).toEqual([]);
      });
    }
  });
}
