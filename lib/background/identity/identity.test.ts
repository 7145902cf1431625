import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tokenForUser } from '../../../server/testing';
import { startTestBackend, type TestBackend } from '../../../test/harness/backend';
import {
  CookieJar,
  followSignIn,
  startIdentityProvider,
  type TestIdentityProvider,
} from '../../../test/harness/oidc-provider';
import type { EffectiveConfig } from '../../schema/config';
import { DESKLENS_CHROME_EXTENSION_ID } from '../../schema/identity';

vi.mock('webextension-polyfill', async () => ({ default: (await import('wxt/testing/fake-browser')).fakeBrowser }));
const { DeskLensDatabase } = await import('../db');
const { createVault } = await import('../vault');
const { enqueue } = await import('../outbox');
const { drainOutbox } = await import('../sync');
const { enrollmentApi } = await import('./api');
const { createIdentity } = await import('./identity');

const ADA = { email: 'ada@acme.test', password: 'ada-at-the-provider', name: 'Ada Agent' };
const REDIRECT = `https://${DESKLENS_CHROME_EXTENSION_ID}.chromiumapp.org/`;

/**
 * The background's identity steps against the real backend over HTTP (and a real OpenID provider): the browser's
 * launchWebAuthFlow is the one part played here, by following the redirects with a cookie jar (the Chromium e2e
 * runs the real one).
 */
describe('how the extension comes to hold a token', () => {
  let backend: TestBackend;
  let idp: TestIdentityProvider;
  let admin: string;
  let lee: string;

  const api = (path: string, token: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
    fetch(`${backend.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    backend = await startTestBackend();
    idp = await startIdentityProvider([`${backend.url}/api/v1/sso/callback`], [ADA]);
    admin = await tokenForUser(backend.db, 'admin@acme.test');
    lee = await tokenForUser(backend.db, 'lee@acme.test');
    const saved = await api(
      '/api/v1/identity/settings',
      admin,
      {
        preferredMode: 'approval',
        allowedModes: ['approval', 'password', 'sso'],
        oidc: {
          issuer: idp.issuer,
          clientId: idp.clientId,
          clientSecret: idp.clientSecret,
          allowedDomains: ['acme.test'],
        },
      },
      'PUT',
    );
    expect(saved.status).toBe(200);
  });
  afterAll(async () => {
    await backend?.dispose();
    await idp?.close();
  });

  let db: InstanceType<typeof DeskLensDatabase>;
  let asked: string[];
  let windows: { interactive: boolean }[];
  let jar: CookieJar;
  const makeIdentity = (now: () => number = Date.now) => {
    const vault = createVault(db);
    return {
      vault,
      identity: createIdentity({
        vault,
        api: enrollmentApi,
        flow: {
          redirectUrl: () => REDIRECT,
          launch: async ({ url, interactive }) => {
            windows.push({ interactive });
            const landed = await followSignIn(url, {
              stopAtHost: (host) => host.endsWith('.chromiumapp.org'),
              credentials: interactive ? ADA : undefined,
              jar,
            });
            return landed.href;
          },
        },
        now,
        randomSecret: () => randomBytes(32).toString('base64url'),
        askToSignIn: (mode) => asked.push(mode),
      }),
    };
  };
  const config = (identityMode?: EffectiveConfig['identity']): EffectiveConfig => ({
    backendUrl: backend.url,
    enrollmentToken: backend.demo?.enrollmentToken,
    identity: identityMode,
    enabledHelpdesks: ['zendesk'],
    genericAdapters: [],
    features: { tierBadge: true, slaClocks: true, scripts: true, feedback: true },
    notificationLeadMinutes: 15,
    language: 'auto',
    syncIntervalMinutes: 5,
    scoreShortcut: 'Alt+Shift',
    searchShortcut: 'Alt+Shift+S',
    sources: {},
    policyErrors: [],
  });
  const score = (ticketId: string) =>
    enqueue(db, {
      type: 'feedback',
      helpdesk: 'zendesk',
      ticketId,
      customer: {},
      csat: 5,
      round: 'initial',
      retracted: false,
    });
  const scoresOf = (ticketPrefix: string) =>
    backend.db
      .selectFrom('feedback')
      .select(['ticket_id', 'agent_id'])
      .where('ticket_id', 'like', `${ticketPrefix}%`)
      .orderBy('ticket_id')
      .execute();

  beforeEach(() => {
    db = new DeskLensDatabase(`identity-${crypto.randomUUID()}`);
    asked = [];
    windows = [];
    jar = new CookieJar();
  });

  it('approval: asks for the reported email, keeps scores queued until a lead approves, then sends them as Ada', async () => {
    const { identity } = makeIdentity();
    expect(await identity.token(config('approval'))).toBeUndefined();
    expect(await identity.state()).toEqual({ state: 'needs_email' });
    await identity.rememberReported({ email: 'ada@acme.test', name: 'Ada Agent', helpdeskUserId: '42' });
    expect(await identity.token(config('approval'))).toBeUndefined();
    expect(await identity.state()).toMatchObject({ state: 'pending_approval', email: 'ada@acme.test' });
    await score('APPROVAL-1');
    await score('APPROVAL-2');
    // Polling while pending changes nothing and loses nothing.
    expect(await identity.token(config('approval'))).toBeUndefined();
    expect(await db.outbox.count()).toBe(2);

    const pending = (await (await api('/api/v1/devices?status=pending', lee)).json()) as {
      devices: { id: string; email: string; helpdeskUserId: string }[];
    };
    const device = pending.devices.find((d) => d.email === 'ada@acme.test' && d.helpdeskUserId === '42');
    expect((await api(`/api/v1/devices/${device?.id}/approve`, lee, {})).status).toBe(200);
    const token = await identity.token(config('approval'));
    expect(token).toMatch(/^dl_agent_/);
    expect(await identity.state()).toMatchObject({ state: 'bound', method: 'approval', email: 'ada@acme.test' });
    expect(await drainOutbox(db, { backendUrl: backend.url, token: token ?? '' })).toMatchObject({ sent: 2 });
    expect(await scoresOf('APPROVAL-')).toEqual([
      { ticket_id: 'APPROVAL-1', agent_id: backend.demo?.agentId },
      { ticket_id: 'APPROVAL-2', agent_id: backend.demo?.agentId },
    ]);

    // A lead revokes the browser: the next sync is refused, the token forgotten, the score kept, approval asked again.
    expect((await api(`/api/v1/devices/${device?.id}/revoke`, lee, {})).status).toBe(200);
    await score('APPROVAL-3');
    const refused = await drainOutbox(db, { backendUrl: backend.url, token: token ?? '' });
    expect(refused).toMatchObject({ sent: 0, tokenRefused: true });
    await identity.tokenRefused(token ?? '');
    expect(await identity.token(config('approval'))).toBeUndefined();
    expect(await identity.state()).toMatchObject({ state: 'pending_approval' });
    expect(await db.outbox.count()).toBe(1);
  });

  it('approval: a rejected browser waits for the agent to ask again, and says why', async () => {
    const { identity } = makeIdentity();
    await identity.rememberReported({ email: 'someone.new@acme.test' });
    await identity.token(config('approval'));
    const pending = (await (await api('/api/v1/devices?status=pending', lee)).json()) as {
      devices: { id: string; email: string }[];
    };
    const device = pending.devices.find((d) => d.email === 'someone.new@acme.test');
    await api(`/api/v1/devices/${device?.id}/reject`, lee, { reason: 'Use your work account' });
    await identity.token(config('approval'));
    expect(await identity.state()).toEqual({
      state: 'refused',
      reason: expect.stringContaining('Use your work account'),
    });
    const before = (await backend.db.selectFrom('devices').select('id').execute()).length;
    await identity.token(config('approval'));
    expect((await backend.db.selectFrom('devices').select('id').execute()).length).toBe(before);
    expect(await identity.signIn(config('approval'), { mode: 'approval' })).toMatchObject({
      ok: true,
      state: { state: 'pending_approval' },
    });
  });

  it('password: asks the agent once, refuses a wrong password, binds with the right one', async () => {
    const { identity } = makeIdentity();
    expect(await identity.token(config('password'))).toBeUndefined();
    await identity.token(config('password'));
    expect(await identity.state()).toEqual({ state: 'needs_sign_in', mode: 'password' });
    expect(asked).toEqual(['password']);
    expect(
      await identity.signIn(config('password'), { mode: 'password', email: 'ada@acme.test', password: 'nope' }),
    ).toEqual({
      ok: false,
      error: 'Wrong email or password.',
    });
    const signedIn = await identity.signIn(config('password'), {
      mode: 'password',
      email: 'ada@acme.test',
      password: 'demo-agent',
    });
    expect(signedIn).toMatchObject({ ok: true, state: { state: 'bound', method: 'password' } });
    expect(await identity.token(config('password'))).toMatch(/^dl_agent_/);
  });

  it('sso: tries silently, asks once, signs in through the provider’s window, then silently again', async () => {
    const { identity } = makeIdentity();
    expect(await identity.token(config('sso'))).toBeUndefined();
    expect(await identity.state()).toMatchObject({ state: 'needs_sign_in', mode: 'sso', reason: 'login_required' });
    expect(asked).toEqual(['sso']);
    // No provider window every minute: the silent attempt waits.
    await identity.token(config('sso'));
    expect(windows).toEqual([{ interactive: false }]);

    expect(await identity.signIn(config('sso'), { mode: 'sso' })).toMatchObject({
      ok: true,
      state: { state: 'bound', method: 'sso', email: 'ada@acme.test' },
    });
    expect(windows.at(-1)).toEqual({ interactive: true });
    const first = await identity.token(config('sso'));
    expect(first).toMatch(/^dl_agent_/);

    // Token revoked by an admin: the provider's session signs the browser back in with no window.
    const [device] = await backend.db
      .selectFrom('devices')
      .select('token_id')
      .where('method', '=', 'sso')
      .orderBy('requested_at', 'desc')
      .execute();
    expect((await api(`/api/v1/tokens/${device?.token_id}`, admin, undefined, 'DELETE')).status).toBe(200);
    await identity.tokenRefused(first ?? '');
    const again = await identity.token(config('sso'));
    expect(again).toMatch(/^dl_agent_/);
    expect(again).not.toBe(first);
    expect(windows.at(-1)).toEqual({ interactive: false });
  });

  it('sso: a silent attempt that raced the agent’s own sign-in is tried again seconds later, not ten minutes', async () => {
    let clock = Date.now();
    const { identity } = makeIdentity(() => clock);
    expect(await identity.token(config('sso'))).toBeUndefined();
    expect(windows).toEqual([{ interactive: false }]);
    // The agent opens the helpdesk a second after that attempt (they signed in to the provider meanwhile).
    clock += 1_000;
    expect(await identity.rememberReported({ email: 'ada@acme.test' })).toBe(4_000);
    clock += 2_000;
    await identity.token(config('sso'));
    expect(windows).toHaveLength(1);
    clock += 2_000;
    await identity.token(config('sso'));
    expect(windows).toEqual([{ interactive: false }, { interactive: false }]);
    // Long after a failure, a visit lets the next sync try at once.
    clock += 60_000;
    expect(await identity.rememberReported({ email: 'ada@acme.test' })).toBe(0);
  });

  it('follows the organisation’s preference when the policy names no mode', async () => {
    const { identity } = makeIdentity();
    await api(
      '/api/v1/identity/settings',
      admin,
      { preferredMode: 'password', allowedModes: ['password', 'approval'], oidc: null },
      'PUT',
    );
    try {
      await identity.token(config(undefined));
      expect(await identity.state()).toEqual({ state: 'needs_sign_in', mode: 'password' });
    } finally {
      await api(
        '/api/v1/identity/settings',
        admin,
        {
          preferredMode: 'approval',
          allowedModes: ['approval', 'password', 'sso'],
          oidc: {
            issuer: idp.issuer,
            clientId: idp.clientId,
            clientSecret: idp.clientSecret,
            allowedDomains: ['acme.test'],
          },
        },
        'PUT',
      );
    }
  });
});
