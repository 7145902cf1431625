import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKLENS_CHROME_EXTENSION_ID, DESKLENS_GECKO_ID } from '../../lib/schema/identity';
import {
  CookieJar,
  followSignIn,
  startIdentityProvider,
  type TestIdentityProvider,
} from '../../test/harness/oidc-provider';
import { type RunningServer, startServer } from '../start';
import {
  createTestDatabase,
  DATABASE_KINDS,
  postgresUnavailableReason,
  type TestDatabase,
  tokenForUser,
} from '../testing';

const skipPostgres = await postgresUnavailableReason();
const CHROME_REDIRECT = `https://${DESKLENS_CHROME_EXTENSION_ID}.chromiumapp.org/`;
const FIREFOX_REDIRECT = `https://${createHash('sha1').update(DESKLENS_GECKO_ID).digest('hex')}.extensions.allizom.org/`;
const atExtension = (host: string) => host.endsWith('.chromiumapp.org') || host.endsWith('.extensions.allizom.org');

const ACCOUNTS = [
  { email: 'nia@acme.test', password: 'nia-at-the-idp', name: 'Nia New' },
  { email: 'ada@acme.test', password: 'ada-at-the-idp', name: 'Ada Agent' },
  { email: 'bo@acme.test', password: 'bo-at-the-idp', name: 'Bo Agent' },
  { email: 'sam@acme.test', password: 'sam-at-the-idp', name: 'Sam Second', groups: ['support-tier-2'] },
  { email: 'gone@acme.test', password: 'gone-at-the-idp', name: 'Gone Agent' },
  { email: 'eve@evil.test', password: 'eve-at-the-idp', name: 'Eve' },
  { email: 'unverified@acme.test', password: 'unverified-idp', name: 'Una', emailVerified: false },
];

/**
 * Single sign-on against a real OpenID provider (oidc-provider) and the real backend over HTTP: what
 * `identity.launchWebAuthFlow` does in the browser is done here by following the redirects with a cookie jar.
 */
for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`SSO enrollment on ${kind}`, () => {
    let database: TestDatabase;
    let backend: RunningServer;
    let idp: TestIdentityProvider;
    let admin: string;

    const api = (path: string, init: { method?: string; token?: string; body?: unknown } = {}) =>
      fetch(`${backend.url}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: {
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });

    const settings = () => ({
      preferredMode: 'sso',
      allowedModes: ['sso', 'approval'],
      oidc: {
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        allowedDomains: ['acme.test'],
        scopes: ['openid', 'email', 'profile', 'groups'],
        teamClaim: 'groups',
        teamMap: { 'support-tier-2': 'tier-2' },
      },
    });

    /** What the extension does: a PKCE pair of its own, then POST /enroll/sso. */
    async function start(options: { interactive?: boolean; redirectUri?: string; enrollmentToken?: string } = {}) {
      const verifier = randomBytes(32).toString('base64url');
      const response = await api('/api/v1/enroll/sso', {
        body: {
          enrollmentToken: options.enrollmentToken ?? backend.demo?.enrollmentToken,
          redirectUri: options.redirectUri ?? CHROME_REDIRECT,
          codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
          interactive: options.interactive ?? true,
        },
      });
      const body = (await response.json()) as { requestId: string; authorizationUrl: string };
      return { response, verifier, ...body };
    }

    async function signIn(email: string, jar = new CookieJar(), enrollmentToken?: string) {
      const started = await start({ enrollmentToken });
      const account = ACCOUNTS.find((a) => a.email === email);
      const landed = await followSignIn(started.authorizationUrl, {
        stopAtHost: atExtension,
        credentials: account ? { email, password: account.password } : undefined,
        jar,
      });
      return { ...started, landed };
    }

    const exchange = (requestId: string, code: string, codeVerifier: string) =>
      api('/api/v1/enroll/sso/token', { body: { requestId, code, codeVerifier } });

    beforeAll(async () => {
      database = await createTestDatabase(kind);
      backend = await startServer({ port: 0, databaseUrl: database.url, demo: true, logLevel: 'silent' });
      idp = await startIdentityProvider([`${backend.url}/api/v1/sso/callback`], ACCOUNTS);
      admin = await tokenForUser(backend.db, 'admin@acme.test');
      await backend.db
        .insertInto('users')
        .values({
          id: 'user_gone',
          org_id: backend.demo?.orgId ?? '',
          team_id: backend.demo?.teamId ?? '',
          email: 'gone@acme.test',
          name: 'Gone Agent',
          role: 'agent',
          password_hash: null,
          created_at: new Date().toISOString(),
          deactivated_at: new Date().toISOString(),
        })
        .execute();
      const saved = await api('/api/v1/identity/settings', { method: 'PUT', token: admin, body: settings() });
      expect(saved.status).toBe(200);
    });
    afterAll(async () => {
      await backend?.close();
      await idp?.close();
      await database?.drop();
    });

    it('keeps the client secret to itself and checks the provider before saving', async () => {
      const shown = await (await api('/api/v1/identity/settings', { token: admin })).json();
      expect(shown).toMatchObject({
        preferredMode: 'sso',
        oidc: { issuer: idp.issuer, clientSecretSet: true, redirectUri: `${backend.url}/api/v1/sso/callback` },
      });
      expect(JSON.stringify(shown)).not.toContain(idp.clientSecret);
      const audit = JSON.stringify(
        await (await api('/api/v1/audit?action=identity_settings.update', { token: admin })).json(),
      );
      expect(audit).not.toContain(idp.clientSecret);

      // Saved again without the secret: the stored one is kept.
      const { clientSecret: _kept, ...withoutSecret } = settings().oidc;
      expect(
        (
          await api('/api/v1/identity/settings', {
            method: 'PUT',
            token: admin,
            body: { ...settings(), oidc: withoutSecret },
          })
        ).status,
      ).toBe(200);
      const typo = await api('/api/v1/identity/settings', {
        method: 'PUT',
        token: admin,
        body: { ...settings(), oidc: { ...settings().oidc, issuer: 'http://127.0.0.1:9/nothing-here' } },
      });
      expect(typo.status).toBe(400);
      expect(JSON.stringify(await typo.json())).toContain('oidc.issuer');
      expect(await (await api('/api/v1/identity/settings', { token: admin })).json()).toMatchObject({
        oidc: { issuer: idp.issuer },
      });
      const noProvider = await api('/api/v1/identity/settings', {
        method: 'PUT',
        token: admin,
        body: { preferredMode: 'sso', allowedModes: ['sso'], oidc: null },
      });
      expect(JSON.stringify(await noProvider.json())).toContain('required when sso is allowed');
    });

    it('signs a new person in at the provider and binds this browser to them, in the enrollment token’s team', async () => {
      const { requestId, verifier, landed } = await signIn('nia@acme.test');
      expect(landed.origin).toBe(CHROME_REDIRECT.slice(0, -1));
      expect(landed.searchParams.get('state')).toBe(requestId);
      const code = landed.searchParams.get('code') ?? '';
      const enrolled = await exchange(requestId, code, verifier);
      expect(enrolled.status).toBe(201);
      const body = (await enrolled.json()) as {
        token: string;
        agent: { email: string };
        teamId: string;
        method: string;
      };
      expect(body).toMatchObject({ agent: { email: 'nia@acme.test' }, teamId: backend.demo?.teamId, method: 'sso' });
      const me = await (await api('/api/v1/me', { token: body.token })).json();
      expect(me).toMatchObject({ user: { email: 'nia@acme.test', role: 'agent', teamId: backend.demo?.teamId } });
      const actions = JSON.stringify(await (await api('/api/v1/audit?limit=20', { token: admin })).json());
      expect(actions).toContain('"enroll.sso"');
      expect(actions).toContain('"user.provision"');
      // Its lead sees the browser.
      const lee = await tokenForUser(backend.db, 'lee@acme.test');
      const devices = (await (await api('/api/v1/devices?status=approved', { token: lee })).json()) as {
        devices: { email: string; method: string }[];
      };
      expect(devices.devices).toContainEqual(expect.objectContaining({ email: 'nia@acme.test', method: 'sso' }));
      // The code is good once.
      expect((await exchange(requestId, code, verifier)).status).toBe(400);
    });

    it('finds an existing agent by the provider’s email, and Firefox’s redirect works the same', async () => {
      const verifier = randomBytes(32).toString('base64url');
      const started = (await (
        await api('/api/v1/enroll/sso', {
          body: {
            enrollmentToken: backend.demo?.enrollmentToken,
            redirectUri: FIREFOX_REDIRECT,
            codeChallenge: createHash('sha256').update(verifier).digest('base64url'),
            interactive: true,
          },
        })
      ).json()) as { requestId: string; authorizationUrl: string };
      const landed = await followSignIn(started.authorizationUrl, {
        stopAtHost: atExtension,
        credentials: { email: 'ada@acme.test', password: 'ada-at-the-idp' },
      });
      expect(landed.hostname).toBe(new URL(FIREFOX_REDIRECT).hostname);
      const enrolled = (await (
        await exchange(started.requestId, landed.searchParams.get('code') ?? '', verifier)
      ).json()) as {
        agent: { id: string };
      };
      expect(enrolled.agent.id).toBe(backend.demo?.agentId);
    });

    it('needs no form at all while the person has a provider session, and reports login_required silently otherwise', async () => {
      const jar = new CookieJar();
      await signIn('ada@acme.test', jar);
      const silent = await start({ interactive: false });
      // The browser starts at the backend, which sends it on to the provider asking for no page at all.
      const toProvider = await fetch(silent.authorizationUrl, { redirect: 'manual' });
      expect(toProvider.status).toBe(302);
      const providerUrl = new URL(toProvider.headers.get('location') ?? '');
      expect(providerUrl.origin).toBe(idp.issuer);
      expect(providerUrl.searchParams.get('prompt')).toBe('none');
      expect(providerUrl.searchParams.get('redirect_uri')).toBe(`${backend.url}/api/v1/sso/callback`);
      const landed = await followSignIn(silent.authorizationUrl, { stopAtHost: atExtension, jar });
      expect((await exchange(silent.requestId, landed.searchParams.get('code') ?? '', silent.verifier)).status).toBe(
        201,
      );

      const stranger = await start({ interactive: false });
      const refused = await followSignIn(stranger.authorizationUrl, { stopAtHost: atExtension });
      expect(refused.searchParams.get('error')).toBe('login_required');
      expect(refused.searchParams.get('code')).toBeNull();
    });

    it('maps the provider’s groups to a team: a new person of Tier 2 enrolls with Tier 2’s token', async () => {
      const issued = (await (
        await api('/api/v1/tokens', {
          token: admin,
          body: { kind: 'enrollment', teamId: backend.demo?.otherTeamId, label: 'Tier 2 browsers' },
        })
      ).json()) as { token: string };
      const { requestId, verifier, landed } = await signIn('sam@acme.test', new CookieJar(), issued.token);
      const enrolled = await exchange(requestId, landed.searchParams.get('code') ?? '', verifier);
      expect(enrolled.status).toBe(201);
      expect(await enrolled.json()).toMatchObject({ teamId: backend.demo?.otherTeamId });
    });

    it('refuses another team’s agent, a deactivated user, another domain and an unverified email, saying only access_denied', async () => {
      for (const email of ['bo@acme.test', 'gone@acme.test', 'eve@evil.test', 'unverified@acme.test']) {
        const { landed } = await signIn(email);
        expect({ email, error: landed.searchParams.get('error'), code: landed.searchParams.get('code') }).toEqual({
          email,
          error: 'access_denied',
          code: null,
        });
        expect(landed.searchParams.get('error_description')).toBe('enrollment_refused');
      }
      const refusals = (await (await api('/api/v1/audit?action=enroll.refuse&limit=50', { token: admin })).json()) as {
        entries: { targetId: string; details: { reason: string } }[];
      };
      const reasons = Object.fromEntries(refusals.entries.map((e) => [e.targetId, e.details.reason]));
      expect(reasons).toMatchObject({
        'bo@acme.test': 'other_team',
        'gone@acme.test': 'deactivated',
        'eve@evil.test': 'domain_not_allowed',
        'unverified@acme.test': 'domain_not_allowed',
      });
    });

    it('voids a sign-in on a wrong verifier, so the code is useless to whoever intercepted the redirect', async () => {
      const { requestId, verifier, landed } = await signIn('ada@acme.test');
      const code = landed.searchParams.get('code') ?? '';
      expect((await exchange(requestId, code, randomBytes(32).toString('base64url'))).status).toBe(400);
      expect((await exchange(requestId, code, verifier)).status).toBe(400);
    });

    it('hands codes only to DeskLens’s own extensions, and refuses unknown sign-ins at the callback', async () => {
      for (const redirectUri of [
        'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
        'https://evil.example/callback',
        `${CHROME_REDIRECT}?next=https://evil.example`,
      ]) {
        const started = await start({ redirectUri });
        expect(started.response.status).toBe(400);
        expect(JSON.stringify(started)).toContain('redirectUri');
      }
      const unknown = await fetch(`${backend.url}/api/v1/sso/callback?state=made-up&code=abc`, { redirect: 'manual' });
      expect(unknown.status).toBe(400);
      // The start URL names the extension's redirect (Firefox requires it) and works for that redirect only.
      const started = await start();
      const url = new URL(started.authorizationUrl);
      expect(url.searchParams.get('redirect_uri')).toBe(CHROME_REDIRECT);
      url.searchParams.set('redirect_uri', FIREFOX_REDIRECT);
      expect((await fetch(url, { redirect: 'manual' })).status).toBe(400);
    });

    it('refuses SSO where the organisation does not allow it', async () => {
      const saved = await api('/api/v1/identity/settings', {
        method: 'PUT',
        token: admin,
        body: { ...settings(), preferredMode: 'approval', allowedModes: ['approval'] },
      });
      expect(saved.status).toBe(200);
      const refused = await start();
      expect(refused.response.status).toBe(403);
      expect(JSON.stringify(refused)).toContain('identity_mode_not_allowed');
      await api('/api/v1/identity/settings', { method: 'PUT', token: admin, body: settings() });
    });
  });
}
