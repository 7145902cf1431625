import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// The polyfill only loads inside an extension; WXT's fake browser stands in with real in-memory storage areas.
vi.mock('webextension-polyfill', async () => ({ default: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const { handleMessage } = await import('./router');
const { vault } = await import('./settings-store');
const { database } = await import('./db');

const EXTENSION = 'chrome-extension://goahlondhlgdmjjhmengplhcbjjlbcnd/';
const contentScript = { id: 'x', url: 'https://acme.zendesk.com/agent/tickets/1001', tab: { id: 7 } };
const optionsInTab = { id: 'x', url: `${EXTENSION}options.html`, tab: { id: 8 } };
const popup = { id: 'x', url: `${EXTENSION}popup.html` };
const SECRET_ENROLLMENT = 'dl_enroll_policy_secret_000000';
const SECRET_TOKEN = 'dl_agent_pasted_secret_0000000';

function deps() {
  const salesforcePages: string[] = [];
  const identityCalls: string[] = [];
  return {
    salesforcePages,
    identityCalls,
    router: {
      db: database(),
      extensionOrigin: EXTENSION,
      requestSync: () => undefined,
      syncNow: async () => undefined,
      statusSource: {
        backendUrl: async () => 'https://desklens.example.com',
        enrolled: async () => true,
        identity: async () => ({ state: 'not_configured' as const }),
      },
      identity: {
        signIn: async () => {
          identityCalls.push('signIn');
          return { ok: true as const, state: { state: 'not_configured' as const } };
        },
        signOut: async () => {
          identityCalls.push('signOut');
        },
        state: async () => ({ state: 'not_configured' as const }),
        rememberReported: async () => {
          identityCalls.push('rememberReported');
          return 0;
        },
      } as unknown as import('./identity/identity').Identity,
      insights: async () => {
        throw new Error('not in this test');
      },
      searchScripts: async () => [],
      salesforceCase: async (pageUrl: string) => {
        salesforcePages.push(pageUrl);
        return { status: 'ok' } as never;
      },
      readConnection: async () => (await vault().get('connection')) ?? {},
      saveConnection: async (connection: Record<string, string | null | undefined>) => {
        const next: Record<string, string> = { ...(await vault().get('connection')) };
        for (const [key, value] of Object.entries(connection)) if (typeof value === 'string') next[key] = value;
        await vault().set('connection', next);
      },
    },
  };
}

beforeEach(async () => {
  fakeBrowser.reset();
  await fakeBrowser.storage.managed.set({
    backendUrl: 'https://desklens.example.com',
    enrollmentToken: SECRET_ENROLLMENT,
  });
  await database().vault.clear();
  await vault().set('connection', { agentToken: SECRET_TOKEN });
});

describe('what the background answers whom', () => {
  it('gives a content script the overlay’s configuration and nothing with a secret', async () => {
    const { router } = deps();
    const overlay = await handleMessage(router, { kind: 'getOverlayConfig' }, contentScript);
    expect(overlay).toMatchObject({ ok: true, value: { features: { feedback: true } } });
    expect(JSON.stringify(overlay)).not.toMatch(/dl_enroll|dl_agent|desklens\.example\.com/);
    for (const kind of ['getConfig', 'getConnection', 'getStatus', 'syncNow', 'signOut'])
      expect(await handleMessage(router, { kind }, contentScript)).toEqual({
        ok: false,
        error: `refused: ${kind} is only for DeskLens’s own pages`,
      });
  });

  it('refuses a content script that tries to move the server, sign in or out', async () => {
    const { router, identityCalls } = deps();
    const moved = await handleMessage(
      router,
      { kind: 'setConnection', connection: { backendUrl: 'https://evil.example' } },
      contentScript,
    );
    expect(moved.ok).toBe(false);
    expect(await vault().get('connection')).toEqual({ agentToken: SECRET_TOKEN });
    const signIn = await handleMessage(router, { kind: 'signIn', mode: 'sso' }, contentScript);
    expect(signIn.ok).toBe(false);
    expect(identityCalls).toEqual([]);
    // A sender that is neither a tab nor one of our pages gets no more.
    expect((await handleMessage(router, { kind: 'getConfig' }, { id: 'x', url: 'https://evil.example/' })).ok).toBe(
      false,
    );
  });

  it('answers the extension’s own pages, in a tab or not', async () => {
    const { router } = deps();
    const config = await handleMessage(router, { kind: 'getConfig' }, optionsInTab);
    expect(config).toMatchObject({ ok: true, value: { enrollmentToken: SECRET_ENROLLMENT } });
    const saved = await handleMessage(
      router,
      { kind: 'setConnection', connection: { backendUrl: 'https://desklens.example.org' } },
      popup,
    );
    expect(saved).toMatchObject({ ok: true, value: { backendUrl: 'https://desklens.example.org' } });
  });

  it('acts on the sender’s page, never on a URL in the message', async () => {
    const { router, salesforcePages } = deps();
    const salesforce = {
      ...contentScript,
      url: 'https://acme.lightning.force.com/lightning/r/Case/500000000000001/view',
    };
    await handleMessage(
      router,
      { kind: 'getSalesforceCase', caseId: '500000000000001AAA', pageUrl: 'https://evil.lightning.force.com/x' },
      salesforce,
    );
    expect(salesforcePages).toEqual([salesforce.url]);
    await handleMessage(
      router,
      { kind: 'reportAdapterHealth', helpdesk: 'zendesk', missing: ['subject'], pageUrl: 'https://evil.example/' },
      contentScript,
    );
    const [row] = await database().outbox.toArray();
    expect(row?.event).toMatchObject({ type: 'adapter_health', pageUrl: contentScript.url });
  });
});
