import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TIER_RULES } from '../../lib/tiers/defaults';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from '../testing';

const skipPostgres = await postgresUnavailableReason();

/** A lead reads rules, scripts and members of the teams they lead, by token and by console session alike. */
for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`a lead’s reach on ${kind}`, () => {
    let t: TestApp;
    let admin: string;
    const credentials = {} as Record<'lee' | 'lin' | 'tara', { token: string; cookie: string }>;

    beforeAll(async () => {
      t = await createTestApp(kind);
      admin = await tokenForUser(t.database.db, 'admin@acme.test');
      for (const [who, password] of [
        ['lee', 'demo-lead'],
        ['lin', 'demo-lead2'],
        ['tara', 'demo-trainer'],
      ] as const) {
        const signedIn = await t.app.request('/api/v1/sessions', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `${who}@acme.test`, password }),
        });
        credentials[who] = {
          token: await tokenForUser(t.database.db, `${who}@acme.test`),
          cookie: (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
        };
      }
      const asAdmin = (path: string, method: string, body: unknown) =>
        t.app.request(path, {
          method,
          headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      // Tier 2 has tier rules of its own and a script published to it alone.
      expect(
        (
          await asAdmin(`/api/v1/rules/tiers?teamId=${t.demo.otherTeamId}`, 'PUT', {
            value: { ...DEFAULT_TIER_RULES, fallbackTier: 'vip' },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await asAdmin('/api/v1/scripts', 'POST', {
            script: {
              id: 'tier2-only',
              title: 'Tier 2 escalation',
              body: 'Hello',
              locale: 'en',
              scenario: 'greeting',
            },
            teamIds: [t.demo.otherTeamId],
          })
        ).status,
      ).toBe(201);
      expect((await asAdmin('/api/v1/scripts/tier2-only/publish', 'POST', { version: 1 })).status).toBe(200);
    });
    afterAll(async () => {
      await t?.close();
    });

    const as = (who: 'lee' | 'lin' | 'tara', via: 'token' | 'cookie', path: string) =>
      t.app.request(path, {
        headers:
          via === 'token' ? { authorization: `Bearer ${credentials[who].token}` } : { cookie: credentials[who].cookie },
      });

    for (const via of ['token', 'cookie'] as const) {
      it(`keeps another team’s rules, scripts and members from a lead (${via})`, async () => {
        expect((await as('lee', via, `/api/v1/rules/tiers?teamId=${t.demo.otherTeamId}`)).status).toBe(403);
        expect((await as('lin', via, `/api/v1/rules/tiers?teamId=${t.demo.otherTeamId}`)).status).toBe(200);
        expect((await as('lee', via, `/api/v1/teams/${t.demo.otherTeamId}/members`)).status).toBe(403);

        const leeScripts = (await (await as('lee', via, '/api/v1/scripts')).json()) as { scripts: { id: string }[] };
        expect(leeScripts.scripts.map((s) => s.id)).not.toContain('tier2-only');
        expect(leeScripts.scripts.length).toBeGreaterThan(0);
        for (const path of [
          '/api/v1/scripts/tier2-only',
          '/api/v1/scripts/tier2-only/versions',
          '/api/v1/scripts/tier2-only/diff?from=1&to=1',
        ])
          expect({ path, status: (await as('lee', via, path)).status }).toEqual({ path, status: 404 });
        expect((await as('lee', via, `/api/v1/scripts?teamId=${t.demo.otherTeamId}`)).status).toBe(403);

        const linScripts = (await (await as('lin', via, '/api/v1/scripts')).json()) as { scripts: { id: string }[] };
        expect(linScripts.scripts.map((s) => s.id)).toContain('tier2-only');
        expect((await as('tara', via, '/api/v1/scripts/tier2-only')).status).toBe(200);
      });
    }
  });
}
