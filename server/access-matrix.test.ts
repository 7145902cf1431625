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

    beforeAll(async () => {
      t = await createTestApp(kind);
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
    });
    afterAll(async () => {
      await t?.close();
    });

    const call = async (route: string, request: MatrixRequest, token?: string) => {
      const method = route.split(' ')[0] ?? 'GET';
      const raw = request.contentType !== undefined;
      return t.app.request(request.path, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(request.body !== undefined ? { 'content-type': request.contentType ?? 'application/json' } : {}),
        },
        ...(request.body !== undefined ? { body: raw ? String(request.body) : JSON.stringify(request.body) } : {}),
      });
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

    for (const entry of ACCESS_MATRIX) {
      const name = `${entry.route}${entry.variant ? ` (${entry.variant})` : ''}`;
      it(`${name}: each role gets what the table says`, async () => {
        const wrong: string[] = [];
        for (const caller of CALLERS) {
          const outcome = entry.expect[caller] ?? entry.fallback ?? 403;
          const response = await call(entry.route, await entry.request(ctx), tokens[caller]);
          if (!matches(response.status, outcome))
            wrong.push(`${caller}: ${response.status} (expected ${outcome}) ${await response.text()}`);
        }
        if (!entry.public) {
          for (const [who, token] of [
            ['no credentials', undefined],
            ['revoked token', tokens.revoked],
          ] as const) {
            const response = await call(entry.route, await entry.request(ctx), token);
            if (response.status !== 401) wrong.push(`${who}: ${response.status} (expected 401)`);
          }
        }
        expect(wrong).toEqual([]);
      });
    }
  });
}
