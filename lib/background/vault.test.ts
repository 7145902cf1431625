import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

vi.mock('webextension-polyfill', async () => ({ default: (await import('wxt/testing/fake-browser')).fakeBrowser }));
const { DeskLensDatabase } = await import('./db');
const { createVault, moveCredentialsOutOfStorage } = await import('./vault');

/** What an earlier version left in storage.local, where any content script could read and change it. */
const LEGACY = {
  settings: {
    backendUrl: 'https://desklens.example.com',
    enrollmentToken: 'dl_enroll_team_token_0000',
    agentToken: 'dl_agent_pasted_0000000000',
    agentEmail: 'ada@acme.test',
    language: 'zh_CN',
    overlayExpanded: true,
  },
  agentToken: 'dl_agent_enrolled_without_proof',
  enrollment: { backendUrl: 'https://desklens.example.com', agentId: 'user_demo_ada', teamId: 't', enrolledAt: 'x' },
  agentIdentity: { email: 'ada@acme.test', name: 'Ada Agent', helpdeskUserId: '42' },
};

describe('moving credentials out of storage.local', () => {
  let vault: ReturnType<typeof createVault>;
  beforeEach(() => {
    fakeBrowser.reset();
    vault = createVault(new DeskLensDatabase(`vault-${crypto.randomUUID()}`));
  });

  it('keeps the connection in the vault and leaves only preferences where content scripts can reach', async () => {
    await fakeBrowser.storage.local.set(LEGACY);
    await moveCredentialsOutOfStorage(vault);
    expect(await vault.get('connection')).toEqual({
      backendUrl: 'https://desklens.example.com',
      enrollmentToken: 'dl_enroll_team_token_0000',
      agentToken: 'dl_agent_pasted_0000000000',
      agentEmail: 'ada@acme.test',
    });
    expect(await vault.get('reportedIdentity')).toEqual(LEGACY.agentIdentity);
    const left = await fakeBrowser.storage.local.get(null);
    expect(left).toEqual({ settings: { language: 'zh_CN', overlayExpanded: true } });
    // The token an earlier version got without proof of who uses the browser is not carried over.
    expect(await vault.get('binding')).toBeUndefined();
    expect(JSON.stringify(left)).not.toMatch(/dl_agent|dl_enroll/);
  });

  it('finishes a move stopped half-way, and changes nothing when there is nothing to move', async () => {
    await vault.set('connection', { backendUrl: 'https://desklens.example.com' });
    await fakeBrowser.storage.local.set(LEGACY);
    await moveCredentialsOutOfStorage(vault);
    await moveCredentialsOutOfStorage(vault);
    expect((await vault.get('connection'))?.agentToken).toBe('dl_agent_pasted_0000000000');
    expect(await fakeBrowser.storage.local.get(null)).toEqual({
      settings: { language: 'zh_CN', overlayExpanded: true },
    });
  });

  it('reads a damaged row as absent, never as garbage', async () => {
    const db = new DeskLensDatabase(`vault-${crypto.randomUUID()}`);
    await db.vault.put({ key: 'binding', value: { backendUrl: 42 } });
    expect(await createVault(db).get('binding')).toBeUndefined();
  });
});
