import { randomBytes, scryptSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from '../testing';
import { PASSWORD_COST, setWorkFactorForTests, verifyPassword } from './passwords';

const skipPostgres = await postgresUnavailableReason();
const ORIGIN = 'http://localhost';

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(
    `credentials that end, and bodies that are refused, on ${kind}`,
    () => {
      let t: TestApp;
      let admin: string;
      beforeAll(async () => {
        t = await createTestApp(kind);
        admin = await tokenForUser(t.database.db, 'admin@acme.test');
      });
      afterAll(async () => {
        await t?.close();
      });

      const signIn = (email: string, password: string) =>
        t.app.request('/api/v1/sessions', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        });
      const cookieOf = (response: Response) => (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const me = (credential: { cookie?: string; token?: string }) =>
        t.app.request('/api/v1/me', {
          headers: {
            ...(credential.cookie ? { cookie: credential.cookie } : {}),
            ...(credential.token ? { authorization: `Bearer ${credential.token}` } : {}),
          },
        });
      const patchUser = (id: string, body: unknown) =>
        t.app.request(`/api/v1/users/${id}`, {
          method: 'PATCH',
          headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      const storedHash = async (email: string) =>
        (
          await t.database.db
            .selectFrom('users')
            .select('password_hash')
            .where('email', '=', email)
            .executeTakeFirstOrThrow()
        ).password_hash ?? '';

      it('answers 400, never 500, to a body that is not an object on every route that takes credentials', async () => {
        const session = cookieOf(await signIn('tara@acme.test', 'demo-trainer'));
        const routes: [string, string, Record<string, string>][] = [
          ['POST', '/api/v1/sessions', {}],
          ['POST', '/api/v1/enroll', {}],
          ['POST', '/api/v1/enroll/claim', {}],
          ['POST', '/api/v1/enroll/password', {}],
          ['POST', '/api/v1/enroll/sso', {}],
          ['POST', '/api/v1/enroll/sso/token', {}],
          ['POST', '/api/v1/enroll/options', {}],
          ['POST', '/api/v1/me/password', { cookie: session, origin: ORIGIN }],
          ['PUT', '/api/v1/identity/settings', { authorization: `Bearer ${admin}` }],
          ['POST', '/api/v1/devices/device_x/approve', { authorization: `Bearer ${admin}` }],
        ];
        const wrong: string[] = [];
        for (const [method, path, headers] of routes)
          for (const body of ['null', '"x"', '[]', '42', '{', '']) {
            const response = await t.app.request(path, {
              method,
              headers: { 'content-type': 'application/json', ...headers },
              body,
            });
            const answer = (await response.json()) as { error?: { code?: string } };
            if (response.status !== 400 || !answer.error?.code)
              wrong.push(`${method} ${path} ${body}: ${response.status}`);
          }
        expect(wrong).toEqual([]);
      });

      it('ends open sessions and tokens when an admin sets a new password', async () => {
        const session = cookieOf(await signIn('lee@acme.test', 'demo-lead'));
        const token = await tokenForUser(t.database.db, 'lee@acme.test');
        expect((await me({ cookie: session })).status).toBe(200);
        expect((await patchUser('user_demo_lee', { password: 'a-brand-new-password' })).status).toBe(200);
        expect((await me({ cookie: session })).status).toBe(401);
        expect((await me({ token })).status).toBe(401);
        expect((await signIn('lee@acme.test', 'demo-lead')).status).toBe(401);
        expect((await signIn('lee@acme.test', 'a-brand-new-password')).status).toBe(200);
      });

      it('lets a console user change their own password: their other sessions end, this one goes on', async () => {
        const here = cookieOf(await signIn('lin@acme.test', 'demo-lead2'));
        const elsewhere = cookieOf(await signIn('lin@acme.test', 'demo-lead2'));
        const token = await tokenForUser(t.database.db, 'lin@acme.test');
        const change = (body: unknown, cookie = here) =>
          t.app.request('/api/v1/me/password', {
            method: 'POST',
            headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
        const wrongCurrent = await change({ currentPassword: 'nope', newPassword: 'lins-new-password' });
        expect(wrongCurrent.status).toBe(400);
        expect(JSON.stringify(await wrongCurrent.json())).toContain('currentPassword');
        const short = await change({ currentPassword: 'demo-lead2', newPassword: 'short' });
        expect(JSON.stringify(await short.json())).toContain('newPassword');
        const viaToken = await t.app.request('/api/v1/me/password', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ currentPassword: 'demo-lead2', newPassword: 'lins-new-password' }),
        });
        expect(viaToken.status).toBe(403);

        const changed = await change({ currentPassword: 'demo-lead2', newPassword: 'lins-new-password' });
        expect(changed.status).toBe(204);
        const fresh = cookieOf(changed);
        expect(fresh).not.toBe(here);
        expect((await me({ cookie: fresh })).status).toBe(200);
        for (const old of [here, elsewhere]) expect((await me({ cookie: old })).status).toBe(401);
        expect((await me({ token })).status).toBe(401);
        const audit = JSON.stringify(
          await (
            await t.app.request('/api/v1/audit?action=user.password_change', {
              headers: { authorization: `Bearer ${admin}` },
            })
          ).json(),
        );
        expect(audit).toContain('user_demo_lin');
        expect(audit).not.toContain('lins-new-password');
      });

      it('does not bring a deactivated user’s old tokens back when they are reactivated', async () => {
        const token = await tokenForUser(t.database.db, 'bo@acme.test');
        expect((await patchUser('user_demo_bo', { deactivated: true })).status).toBe(200);
        expect((await me({ token })).status).toBe(401);
        expect((await patchUser('user_demo_bo', { deactivated: false })).status).toBe(200);
        expect((await me({ token })).status).toBe(401);
        expect((await me({ token: await tokenForUser(t.database.db, 'bo@acme.test') })).status).toBe(200);
      });

      it('hashes passwords with scrypt at OWASP’s cost, and upgrades an older hash when its owner signs in', async () => {
        expect(PASSWORD_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
        // The unit tests' setup hashes at a lower cost (server/testing-setup.ts); here the server's own.
        const testCost = setWorkFactorForTests(PASSWORD_COST);
        onTestFinished(() => {
          setWorkFactorForTests(testCost);
        });
        const created = await t.app.request('/api/v1/users', {
          method: 'POST',
          headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            email: 'new.trainer@acme.test',
            name: 'New',
            role: 'trainer',
            password: 'long-enough-pass',
          }),
        });
        expect(created.status).toBe(201);
        expect(await storedHash('new.trainer@acme.test')).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[\w-]{22}\$[\w-]{43}$/);

        // What the server wrote before: Node's default cost (N=2^14), `scrypt$salt$hash`.
        const salt = randomBytes(16);
        const legacy = `scrypt$${salt.toString('base64url')}$${scryptSync('demo-trainer', salt, 32).toString('base64url')}`;
        await t.database.db
          .updateTable('users')
          .set({ password_hash: legacy })
          .where('email', '=', 'tara@acme.test')
          .execute();
        expect((await signIn('tara@acme.test', 'demo-trainer')).status).toBe(200);
        const upgraded = await storedHash('tara@acme.test');
        expect(upgraded).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$/);
        expect(await verifyPassword('demo-trainer', upgraded)).toBe(true);
        // A wrong password never rewrites anything.
        await t.database.db
          .updateTable('users')
          .set({ password_hash: legacy })
          .where('email', '=', 'tara@acme.test')
          .execute();
        expect((await signIn('tara@acme.test', 'wrong')).status).toBe(401);
        expect(await storedHash('tara@acme.test')).toBe(legacy);
      });
    },
  );
}

describe('behind a TLS-terminating proxy (PUBLIC_URL)', () => {
  it('sets Secure cookies and accepts console changes only from the public origin', async () => {
    const t = await createTestApp('sqlite', { publicUrl: 'https://desklens.example.com' });
    try {
      // The proxy speaks plain http to the server; the browser saw https.
      const signedIn = await t.app.request('http://10.0.0.5:8787/api/v1/sessions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@acme.test', password: 'demo-admin' }),
      });
      expect(signedIn.status).toBe(200);
      const setCookie = signedIn.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/;\s*Secure/i);
      const cookie = setCookie.split(';')[0] ?? '';
      const createTeam = (origin: string) =>
        t.app.request('http://10.0.0.5:8787/api/v1/teams', {
          method: 'POST',
          headers: { cookie, origin, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Team ${origin}`, slug: `t-${randomBytes(4).toString('hex')}` }),
        });
      expect((await createTeam('http://10.0.0.5:8787')).status).toBe(403);
      expect((await createTeam('https://evil.example')).status).toBe(403);
      expect((await createTeam('https://desklens.example.com')).status).toBe(201);
    } finally {
      await t.close();
    }
  });
});
