import { describe, expect, it } from 'vitest';
import { refusalMessage, takeLaunch } from '../../helpdesk-apps/zendesk/src/launch';
import en from '../../public/_locales/en/messages.json';
import zhCN from '../../public/_locales/zh_CN/messages.json';

/**
 * A page holding the launch data the DeskLens server puts in the sidebar (server/zendesk-app/sidebar.ts); only
 * `getElementById` and the element's text and removal are used. The real page runs in test/e2e/zendesk-app.spec.ts.
 */
const page = (json: string) => {
  let element: { textContent: string; remove(): void } | null = {
    textContent: json,
    remove: () => {
      element = null;
    },
  };
  return { getElementById: (id: string) => (id === 'desklens-launch' ? element : null) } as Pick<
    Document,
    'getElementById'
  >;
};

describe('the Zendesk app’s launch data', () => {
  it('gives the agent’s session once and takes it out of the page', () => {
    const session = { token: 'dl_agent_x', expiresAt: '2026-12-01T00:00:00Z', agent: { name: 'Ada', email: 'a@x' } };
    const doc = page(JSON.stringify({ session }));
    expect(takeLaunch(doc)).toEqual({ session });
    expect(doc.getElementById('desklens-launch')).toBeNull();
    expect(takeLaunch(doc)).toBeUndefined();
  });

  it('gives a refusal, and nothing for unreadable or foreign data', () => {
    expect(takeLaunch(page('{"refused":{"code":"user_deactivated","message":"m"}}'))).toEqual({
      refused: { code: 'user_deactivated', message: 'm' },
    });
    expect(takeLaunch(page('not json'))).toBeUndefined();
    expect(takeLaunch(page('{"session":{"token":1}}'))).toBeUndefined();
  });

  it('has a message in English and Chinese for every refusal the server names', () => {
    const codes = [
      'zendesk_app_not_configured',
      'zendesk_token_missing',
      'zendesk_user_not_linked',
      'user_deactivated',
      'user_without_team',
      'invalid_zendesk_token',
      'zendesk_token_expired',
      'zendesk_token_used',
      'rate_limited',
    ];
    for (const code of codes) {
      const key = refusalMessage(code);
      expect((en as Record<string, { message: string }>)[key]?.message, code).toBeTruthy();
      expect((zhCN as Record<string, { message: string }>)[key]?.message, code).toBeTruthy();
    }
    expect(new Set(codes.map(refusalMessage)).size).toBe(6);
  });
});
