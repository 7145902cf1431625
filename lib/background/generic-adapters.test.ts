import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const freshdesk: unknown = JSON.parse(readFileSync('docs/adapters/freshdesk-like.json', 'utf8'));
const zammad: unknown = JSON.parse(readFileSync('docs/adapters/zammad-like.json', 'utf8'));

const state = vi.hoisted(() => ({
  granted: new Set<string>(),
  registered: [] as { id: string; matches: string[]; js: string[] }[],
  stored: {} as Record<string, unknown>,
  genericAdapters: [] as unknown[],
}));

vi.mock('./settings-store', () => ({
  loadEffectiveConfig: async () => ({ genericAdapters: state.genericAdapters }),
}));
vi.mock('webextension-polyfill', () => ({
  default: {
    permissions: {
      contains: async ({ origins }: { origins: string[] }) => origins.every((o) => state.granted.has(o)),
    },
    scripting: {
      getRegisteredContentScripts: async () => state.registered,
      unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
        state.registered = state.registered.filter((s) => !ids.includes(s.id));
      },
      registerContentScripts: async (scripts: { id: string; matches: string[]; js: string[] }[]) => {
        state.registered.push(...scripts);
      },
    },
    storage: {
      local: {
        set: async (items: Record<string, unknown>) => {
          Object.assign(state.stored, items);
        },
      },
    },
  },
}));

const { GENERIC_ADAPTERS_KEY, syncGenericAdapters, validateDescriptions } = await import('./generic-adapters');

describe('generic adapter registration', () => {
  beforeEach(() => {
    state.granted.clear();
    state.registered = [{ id: 'someone-else', matches: ['https://x.test/*'], js: ['x.js'] }];
    state.stored = {};
    state.genericAdapters = [freshdesk, zammad, { id: 'Bad Id', matches: ['<all_urls>'] }];
  });

  it('registers nothing over a whole public suffix or a built-in helpdesk, whatever was granted', async () => {
    const described = freshdesk as Record<string, unknown>;
    state.genericAdapters = [
      { ...described, id: 'everyone-au', matches: ['https://*.com.au/*'] },
      { ...described, id: 'zendesk-again', matches: ['https://acme.zendesk.com/*'] },
    ];
    state.granted.add('https://*.com.au/*');
    state.granted.add('https://acme.zendesk.com/*');
    const result = await syncGenericAdapters();
    expect(result.registered).toEqual([]);
    expect(result.problems.map((p) => p.errors.join())).toEqual([
      expect.stringContaining('public suffix'),
      expect.stringContaining("Zendesk's"),
    ]);
    expect(state.registered.map((s) => s.id)).toEqual(['someone-else']);
  });

  it('registers only descriptions whose origin the user granted, and never <all_urls>', async () => {
    state.granted.add('https://support.acme-desk.test/*');
    const result = await syncGenericAdapters();
    expect(result.registered).toEqual(['acme-desk']);
    expect(state.registered.map((s) => [s.id, s.matches])).toEqual([
      ['someone-else', ['https://x.test/*']],
      ['desklens-generic-acme-desk', ['https://support.acme-desk.test/*']],
    ]);
    expect(JSON.stringify(state.registered)).not.toContain('<all_urls>');
    expect((state.stored[GENERIC_ADAPTERS_KEY] as { id: string }[]).map((d) => d.id)).toEqual(['acme-desk']);
    expect(result.problems[0]?.errors.join('\n')).toMatch(/^id: .*\n.*matches\.0/s);
  });

  it('unregisters a script once its permission is revoked', async () => {
    state.granted.add('https://helpdesk.acme-zammad.test/*');
    await syncGenericAdapters();
    expect(state.registered.map((s) => s.id)).toContain('desklens-generic-acme-zammad');
    state.granted.clear();
    await syncGenericAdapters();
    expect(state.registered.map((s) => s.id)).toEqual(['someone-else']);
  });

  it('rejects a duplicate id by name', () => {
    expect(validateDescriptions([freshdesk, freshdesk]).problems).toEqual([
      { index: 1, errors: ['id: duplicate "acme-desk"'] },
    ]);
  });
});
