import AxeBuilder from '@axe-core/playwright';
import { test as base, expect } from '@playwright/test';
import { startTestBackend, type TestBackend } from '../harness/backend';
import { launchPlainChromium } from '../harness/chromium';
import { type FixtureServer, startFixtureServer } from '../harness/fixture-server';
import { ROOT } from '../harness/paths';
import { openZendeskAppHost, ZENDESK_AGENTS } from '../harness/zendesk-app-host';

/**
 * The native Zendesk sidebar app, built (`npm run build`) and run in the app host fixture, which answers the ZAF
 * SDK's real postMessage protocol and loads the sidebar the way Zendesk loads a signed-URL app (a form POST with a
 * token signed for the agent, here with a test key); requests reach a real backend through the stand-in for
 * Zendesk's proxy.
 */
const test = base.extend<
  { plain: Awaited<ReturnType<typeof launchPlainChromium>>; backend: TestBackend },
  { fixtureServer: FixtureServer }
>({
  fixtureServer: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring argument.
    async ({}, use) => {
      const server = await startFixtureServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring argument.
  plain: async ({}, use) => {
    const browser = await launchPlainChromium();
    await use(browser);
    await browser.close();
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring argument.
  backend: async ({}, use) => {
    const backend = await startTestBackend();
    await use(backend);
    await backend.dispose();
  },
});

const hostState = (page: import('@playwright/test').Page) =>
  page.evaluate(() => (window as unknown as { __zendeskHost: { state: { inserted: string[] } } }).__zendeskHost.state);

test('the app shows the tier and clocks, inserts a script into the composer and its score reaches the backend', {
  tag: ['@host:zendesk-app', '@feature:tier-badge', '@feature:sla-clocks', '@feature:scripts', '@feature:feedback'],
}, async ({ plain, fixtureServer, backend }) => {
  const { page, app } = await openZendeskAppHost(plain.context, fixtureServer, { backend });
  await expect(app.locator('.dl-tier-badge')).toHaveText('VIP');
  // Zendesk's own SLA target for the ticket (no policies of the organisation's own in the demo).
  await expect(app.locator('[data-metric="first_reply_time"]')).toHaveAttribute('data-state', 'active');
  await expect(app.locator('.dl-ticket')).toHaveText('Ticket 1001');

  const first = app.locator('.dl-script').first();
  const text = await first.locator('.dl-script-preview').textContent();
  await first.locator('[data-script-id]').click();
  await expect(first.locator('.dl-script-status')).toHaveText('Inserted into the reply');
  expect((await hostState(page)).inserted).toEqual([text]);

  await app.locator('[data-score="4"]').click();
  await expect(app.locator('.dl-sync')).toHaveAttribute('data-sync-state', 'synced');
  const rows = await backend.db.selectFrom('feedback').select(['helpdesk', 'ticket_id', 'csat', 'agent_id']).execute();
  expect(rows).toEqual([{ helpdesk: 'zendesk', ticket_id: '1001', csat: 4, agent_id: backend.demo?.agentId }]);

  // The agent's session lives in the app's frame only (another origin): the helpdesk page never holds it, and the
  // page's launch data is taken out of the app's DOM once read.
  expect(await page.content()).not.toContain('dl_agent_');
  for (const frame of page.frames()) expect(await frame.content()).not.toContain('dl_agent_');
});

test('two agents each score from their own sidebar, and each score lands under their own id', {
  tag: ['@host:zendesk-app', '@feature:feedback'],
}, async ({ plain, fixtureServer, backend }) => {
  const ada = await openZendeskAppHost(plain.context, fixtureServer, { backend, zendeskUserId: ZENDESK_AGENTS.ada });
  await expect(ada.app.locator('.dl-tier-badge')).toHaveText('VIP');
  await ada.app.locator('[data-score="4"]').click();
  await expect(ada.app.locator('.dl-sync')).toHaveAttribute('data-sync-state', 'synced');
  // Bo, at the same computer after Ada: the same app origin, another agent; Ada's queue is not Bo's.
  const bo = await openZendeskAppHost(plain.context, fixtureServer, { backend, zendeskUserId: ZENDESK_AGENTS.bo });
  await expect(bo.app.locator('.dl-tier-badge')).toHaveText('VIP');
  await expect(bo.app.locator('[data-score][aria-pressed="true"]')).toHaveCount(0);
  await bo.app.locator('[data-score="2"]').click();
  await expect(bo.app.locator('.dl-sync')).toHaveAttribute('data-sync-state', 'synced');
  const rows = await backend.db
    .selectFrom('feedback')
    .select(['ticket_id', 'csat', 'agent_id'])
    .orderBy('csat')
    .execute();
  const idOf = (email: string) => backend.demo?.users.find((u) => u.email === email)?.id;
  expect(rows).toEqual([
    { ticket_id: '1001', csat: 2, agent_id: idOf('bo@acme.test') },
    { ticket_id: '1001', csat: 4, agent_id: idOf('ada@acme.test') },
  ]);
});

test('until an admin enters the app key, the sidebar says so and nothing is captured', {
  tag: ['@host:zendesk-app'],
}, async ({ plain, fixtureServer, backend }) => {
  const { page, app } = await openZendeskAppHost(plain.context, fixtureServer, { backend, configured: false });
  await expect(app.getByRole('alert')).toHaveText(/has to enter the Zendesk app’s public key in DeskLens/);
  await expect(app.locator('[data-score]')).toHaveCount(0);
  const results = await new AxeBuilder({ page }).include('iframe[title="DeskLens"]').analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
  await page.locator('iframe[title="DeskLens"]').screenshot({
    path: `${ROOT}/docs/screenshots/zendesk-app-not-configured-en-light.png`,
  });
});

test('a Zendesk agent nobody linked to a DeskLens user is told to ask for it, in their language', {
  tag: ['@host:zendesk-app'],
}, async ({ plain, fixtureServer, backend }) => {
  const { page, app } = await openZendeskAppHost(plain.context, fixtureServer, {
    backend,
    zendeskUserId: '90077',
    locale: 'zh-CN',
  });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(app.getByRole('alert')).toHaveText(/尚未关联到 DeskLens 用户/);
  await expect(app.locator('[data-score]')).toHaveCount(0);
  const results = await new AxeBuilder({ page }).include('iframe[title="DeskLens"]').analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
  await page.locator('iframe[title="DeskLens"]').screenshot({
    path: `${ROOT}/docs/screenshots/zendesk-app-not-linked-zh_CN-dark.png`,
  });
});

test('a score captured while the backend is down is kept and sent once when it is back', {
  tag: ['@host:zendesk-app', '@feature:feedback'],
}, async ({ plain, fixtureServer, backend }) => {
  const { app } = await openZendeskAppHost(plain.context, fixtureServer, { backend });
  await expect(app.locator('.dl-tier-badge')).toHaveText('VIP');
  fixtureServer.zendeskProxy.down = true;
  await app.locator('[data-score="2"]').click();
  await expect(app.locator('.dl-sync')).toHaveAttribute('data-sync-state', 'queued');
  // Several retries fail while it is down; none of them may count.
  await expect
    .poll(() => fixtureServer.zendeskProxy.forwarded.filter((r) => r.url.endsWith('/events')).length, {
      timeout: 15_000,
    })
    .toBeGreaterThanOrEqual(2);
  expect(await backend.db.selectFrom('feedback').select('csat').execute()).toEqual([]);
  fixtureServer.zendeskProxy.down = false;
  await expect(app.locator('.dl-sync')).toHaveAttribute('data-sync-state', 'synced', { timeout: 20_000 });
  expect(await backend.db.selectFrom('feedback').select(['ticket_id', 'csat']).execute()).toEqual([
    { ticket_id: '1001', csat: 2 },
  ]);
  expect(await backend.db.selectFrom('events').select('id').where('type', '=', 'feedback').execute()).toHaveLength(1);
});

test('when Zendesk moves the sidebar to another ticket, the app follows with nothing of the first left', {
  tag: ['@host:zendesk-app', '@feature:tier-badge', '@feature:feedback', '@feature:script-search'],
}, async ({ plain, fixtureServer, backend }) => {
  const { page, app } = await openZendeskAppHost(plain.context, fixtureServer, { backend });
  await expect(app.locator('.dl-tier-badge')).toHaveText('VIP');
  await app.locator('[data-score="5"]').click();
  await app.locator('#dl-script-search').fill('fraud');
  await expect(app.locator('#dl-search-count')).not.toHaveText('');
  await page.evaluate(() =>
    (window as unknown as { __zendeskHost: { switchTicket(id: string): void } }).__zendeskHost.switchTicket('1002'),
  );
  await expect(app.locator('.dl-ticket')).toHaveText('Ticket 1002');
  await expect(app.locator('.dl-tier-badge')).not.toHaveText('VIP');
  await expect(app.locator('[data-score][aria-pressed="true"]')).toHaveCount(0);
  await expect(app.locator('#dl-script-search')).toHaveValue('');
});

for (const look of [
  { locale: 'en-US', scheme: 'light' as const, shot: 'zendesk-app-en-light.png', score: 'Record satisfaction 3 of 5' },
  {
    locale: 'zh-CN',
    scheme: 'dark' as const,
    shot: 'zendesk-app-zh_CN-dark.png',
    score: '记录满意度 3 分（满分 5 分）',
  },
  // A Hong Kong agent: no catalogue of its own, so Traditional (Taiwan usage).
  {
    locale: 'zh-HK',
    scheme: 'light' as const,
    shot: 'zendesk-app-zh_TW-light.png',
    score: '記錄滿意度 3 分（滿分 5 分）',
  },
]) {
  test(`${look.locale}, ${look.scheme}: the sidebar speaks the agent's language and axe finds nothing at 320 px`, {
    tag: ['@host:zendesk-app'],
  }, async ({ plain, fixtureServer, backend }) => {
    const { page, app } = await openZendeskAppHost(plain.context, fixtureServer, { backend, locale: look.locale });
    // axe over a frame takes a while on a busy machine.
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme: look.scheme });
    await expect(app.locator('.dl-tier-badge')).toBeVisible();
    await expect(app.locator('[data-score="3"]')).toHaveAttribute('aria-label', look.score);
    const results = await new AxeBuilder({ page }).include('iframe[title="DeskLens"]').analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    // On a loaded machine the frame can still be repainting after axe; a blank screenshot helps nobody.
    await expect(app.locator('.dl-tier-badge')).toBeVisible();
    await page.locator('iframe[title="DeskLens"]').screenshot({ path: `${ROOT}/docs/screenshots/${look.shot}` });
  });
}
