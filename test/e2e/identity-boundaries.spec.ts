import type { CDPSession, Page } from '@playwright/test';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

/**
 * What a content script can reach, tried from DeskLens's own content script on a real helpdesk page: its isolated
 * world, found through the DevTools protocol, runs the same `chrome.*` calls a compromised or confused content
 * script would.
 */
async function contentScriptWorld(page: Page, extensionId: string): Promise<(expression: string) => Promise<unknown>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  await expect
    .poll(() =>
      contexts.some((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`),
    )
    .toBe(true);
  const world = contexts
    .filter((c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`)
    .at(-1);
  return async (expression) => {
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      contextId: world?.id,
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  };
}

test('a content script gets no secret, cannot move the server or sign anyone in, and storage.local decides nothing', async ({
  extension,
  backend,
  zendeskOrigin,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${zendeskOrigin}/agent/tickets/1001`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(overlay).toHaveAttribute('data-state', 'ready');
  const inContentScript = await contentScriptWorld(page, extension.extensionId);
  const secrets = [backend.url, backend.demo?.agentToken ?? 'x', backend.demo?.enrollmentToken ?? 'x'];
  const send = (message: object) => inContentScript(`chrome.runtime.sendMessage(${JSON.stringify(message)})`);

  // The overlay's configuration: no server, no token.
  const overlayConfig = (await send({ kind: 'getOverlayConfig' })) as { ok: boolean; value: object };
  expect(overlayConfig.ok).toBe(true);
  expect(overlayConfig.value).toHaveProperty('features');
  for (const secret of secrets) expect(JSON.stringify(overlayConfig)).not.toContain(secret);

  // Everything that holds a secret or changes where and as whom this browser syncs is refused.
  for (const message of [
    { kind: 'getConfig' },
    { kind: 'getConnection' },
    { kind: 'setConnection', connection: { backendUrl: 'https://evil.example', agentToken: 'dl_agent_evil_0000' } },
    { kind: 'signIn', mode: 'password', email: 'ada@acme.test', password: 'demo-agent' },
    { kind: 'signOut' },
    { kind: 'getStatus' },
  ]) {
    const answer = (await send(message)) as { ok: boolean; error?: string };
    expect({ kind: message.kind, ...answer }).toEqual({
      kind: message.kind,
      ok: false,
      error: expect.stringContaining('refused'),
    });
  }

  // What content scripts can read and write, storage.local, holds no secret and decides nothing.
  const stored = JSON.stringify(await inContentScript('chrome.storage.local.get(null)'));
  for (const secret of secrets) expect(stored).not.toContain(secret);
  await inContentScript(
    `chrome.storage.local.set({ settings: { backendUrl: 'https://evil.example', agentToken: 'dl_agent_evil_0000', agentEmail: 'bo@acme.test' } })`,
  );
  await overlay.locator('[data-score="3"]').click();
  await expect
    .poll(() =>
      backend.db.selectFrom('feedback').select(['ticket_id', 'agent_id']).where('ticket_id', '=', '1001').execute(),
    )
    .toEqual([{ ticket_id: '1001', agent_id: backend.demo?.agentId }]);

  // The extension's own page, even in a tab, still sees and changes the connection.
  const options = await extension.context.newPage();
  await options.goto(`chrome-extension://${extension.extensionId}/options.html`);
  const connection = (await options.evaluate(() =>
    // why: `chrome` exists in the extension page but is not typed in the test's scope.
    (
      globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }
    ).chrome.runtime.sendMessage({
      kind: 'getConnection',
    }),
  )) as { ok: boolean; value: { backendUrl?: string; agentEmail?: string } };
  expect(connection).toMatchObject({ ok: true, value: { backendUrl: backend.url } });
  expect(connection.value.agentEmail).toBeUndefined();
});
