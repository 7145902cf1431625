import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { tokenForUser } from '../../server/testing';
import { startTestBackend, type TestBackend } from '../harness/backend';
import {
  DEMO_PASSWORDS,
  launchConsoleBrowser,
  noAxeViolations,
  postEvents,
  score,
  seedConsoleData,
  signInToConsole,
} from '../harness/console';

// A password check at OWASP's scrypt cost, a dashboard of six requests and axe runs: more than a minute when loaded.
test.setTimeout(120_000);

let browser: Browser;
let backend: TestBackend;
test.beforeAll(async () => {
  browser = await launchConsoleBrowser();
});
test.afterAll(async () => {
  await browser?.close();
});
test.beforeEach(async () => {
  backend = await startTestBackend();
  await seedConsoleData(backend);
});
test.afterEach(async () => {
  await backend?.dispose();
});

async function context(options: { locale?: string; colorScheme?: 'light' | 'dark' } = {}): Promise<BrowserContext> {
  return browser.newContext({ locale: options.locale ?? 'en-GB', colorScheme: options.colorScheme ?? 'light' });
}

/** The stats API's answer for a caller, over the same period the console asks for (its last 30 days). */
async function apiFigures(email: string, path: string, page: Page, extra: Record<string, string> = {}) {
  const { from, to, tz } = await page.evaluate(() => {
    const now = new Date();
    const last = new Date(now.getFullYear(), now.getMonth(), now.getDate());
    return {
      from: new Date(last.getFullYear(), last.getMonth(), last.getDate() - 29).toISOString(),
      to: new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1).toISOString(),
      tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
    };
  });
  const token = await tokenForUser(backend.db, email);
  const response = await fetch(`${backend.url}${path}?${new URLSearchParams({ from, to, tz, ...extra })}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(response.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: why: the test reads a few fields of the stats answers by name.
  return (await response.json()) as any;
}

const stat = (page: Page, id: string) => page.locator(`[data-stat="${id}"]`);
const dashboardReady = (page: Page) => expect(page.locator('.dashboard')).toHaveAttribute('data-loaded', 'ready');

test('a lead signs in by keyboard and every dashboard figure equals the API’s, each chart drawn, with n', async () => {
  // The admin counts fewer than 30 answers as a small sample: the console flags figures by that setting.
  const settings = await fetch(`${backend.url}/api/v1/quality-settings`, {
    method: 'PATCH',
    headers: {
      authorization: `Bearer ${await tokenForUser(backend.db, 'admin@acme.test')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ smallSampleBelow: 30 }),
  });
  expect(settings.status).toBe(200);
  const ctx = await context();
  const page = await ctx.newPage();
  await page.goto(`${backend.url}/`);
  await expect(page.getByRole('heading', { name: 'Sign in to DeskLens' })).toBeVisible();
  await noAxeViolations(page);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORDS.lee.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORDS.lee.password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('who')).toHaveText('Signed in as Lee Lead (lead)');
  await dashboardReady(page);

  const satisfaction = await apiFigures('lee@acme.test', '/api/v1/stats/satisfaction', page);
  const service = await apiFigures('lee@acme.test', '/api/v1/stats/service', page);
  expect(satisfaction.total.n).toBe(12);
  await expect(stat(page, 'csat')).toHaveAttribute('data-value', String(satisfaction.total.csat.value));
  await expect(stat(page, 'csat')).toHaveAttribute('data-n', String(satisfaction.total.csat.n));
  await expect(stat(page, 'nps')).toHaveAttribute('data-value', String(satisfaction.total.nps.value));
  await expect(stat(page, 'sla')).toHaveAttribute('data-value', String(service.total.slaAttainment.value));
  await expect(stat(page, 'breaches')).toHaveAttribute('data-value', String(service.total.breaches));
  await expect(stat(page, 'first-reply-median')).toHaveAttribute(
    'data-value',
    String(service.total.firstReplyMedianMs.value ?? ''),
  );
  await expect(stat(page, 'complaint-rate')).toHaveAttribute(
    'data-value',
    String(satisfaction.total.complaints.rate.value),
  );
  // Twelve answers are fewer than the admin's 30: the figure says so.
  await expect(stat(page, 'csat').locator('[data-small-n="true"]')).toHaveText('only 12 answers: too few to rely on');
  await expect(page.locator('.weakest')).toHaveAttribute('data-weakest', satisfaction.weakestDimension.dimension);
  await expect(page.locator('.weakest strong')).toContainText('Weakest: After-sales support 2 / 5');
  for (const chart of ['trend', 'sla', 'grades', 'radar'])
    await expect(page.locator(`[data-chart="${chart}"] canvas`).first()).toBeVisible();
  // The lead leads Tier 1 only: no team ranking of other teams, and Ada ranked with her band.
  await expect(page.locator('[data-ranking="teams"]')).toHaveCount(0);
  await expect(page.locator('[data-ranking="agents"] tbody tr')).toHaveCount(1);
  const band = satisfaction.total.csat.value >= 90 ? 'green' : satisfaction.total.csat.value >= 80 ? 'yellow' : 'red';
  await expect(page.locator('[data-ranking="agents"] tr[data-row="user_demo_ada"]')).toHaveAttribute('data-band', band);
  // The chart's table holds the same numbers for keyboard and screen-reader users.
  await page.locator('[data-chart="radar"] summary').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-chart="radar"] tr[data-row="after_sales_support"] td')).toContainText('2');
  await noAxeViolations(page);
  await ctx.close();
});

test('the period and team live in the URL (the agent too, see drill-down): a copied link shows the same view', async () => {
  const ctx = await context();
  const page = await ctx.newPage();
  await signInToConsole(page, backend, DEMO_PASSWORDS.admin.email, DEMO_PASSWORDS.admin.password);
  await dashboardReady(page);
  await page.getByRole('combobox', { name: 'Period' }).selectOption('7d');
  await expect(page).toHaveURL(/period=7d/);
  await page.getByRole('combobox', { name: 'Team' }).selectOption({ label: 'Tier 2' });
  await expect(page).toHaveURL(/team=team_demo_tier2/);
  await dashboardReady(page);
  await expect(stat(page, 'csat')).toHaveAttribute('data-n', '5');
  const link = page.url();

  const other = await ctx.newPage();
  await other.goto(link);
  await dashboardReady(other);
  await expect(other.getByRole('combobox', { name: 'Period' })).toHaveValue('7d');
  await expect(other.getByRole('combobox', { name: 'Team' })).toHaveValue('team_demo_tier2');
  await expect(stat(other, 'csat')).toHaveAttribute('data-n', '5');
  // Custom dates, inclusive, in the viewer's time zone.
  await other.getByRole('combobox', { name: 'Period' }).selectOption('custom');
  await expect(other).toHaveURL(/period=custom&from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d/);
  await dashboardReady(other);
  await expect(stat(other, 'csat')).toHaveAttribute('data-n', '5');
  // Back undoes a filter change.
  await other.goBack();
  await expect(other).toHaveURL(/period=7d/);
  await ctx.close();
});

test('drill-down: team → agent → scored tickets → one ticket’s score details', async () => {
  const ctx = await context();
  const page = await ctx.newPage();
  await signInToConsole(page, backend, DEMO_PASSWORDS.admin.email, DEMO_PASSWORDS.admin.password);
  await dashboardReady(page);
  await expect(page.locator('[data-ranking="teams"] tbody tr')).toHaveCount(2);
  await expect(page.locator('[data-ranking="teams"] tbody tr').first()).toHaveAttribute('data-row', 'team_demo_tier1');
  await expect(page.locator('[data-ranking="teams"] tr[data-row="team_demo_tier2"]')).toHaveAttribute(
    'data-band',
    'red',
  );
  await page.locator('[data-ranking="teams"]').getByRole('link', { name: 'Tier 1' }).click();
  await expect(page).toHaveURL(/team=team_demo_tier1/);
  await dashboardReady(page);
  await page.locator('[data-ranking="agents"]').getByRole('link', { name: 'Ada Agent' }).click();
  await expect(page).toHaveURL(/\/tickets\?.*team=team_demo_tier1&agent=user_demo_ada/);
  await expect(page.locator('[data-list="tickets"] tbody tr')).toHaveCount(12);
  await noAxeViolations(page);
  await page.getByRole('link', { name: 'zendesk #A108' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ticket zendesk #A108');
  await expect(page.locator('[data-field="csat"]')).toHaveText('2');
  await expect(page.locator('[data-field="comment"]')).toHaveText('Refund took three weeks; nobody called back.');
  await noAxeViolations(page);
  await ctx.close();
});

test('CSV export gives the API’s own export of the figures on screen', async () => {
  const ctx = await context();
  const page = await ctx.newPage();
  await signInToConsole(page, backend, DEMO_PASSWORDS.lee.email, DEMO_PASSWORDS.lee.password);
  await dashboardReady(page);
  const link = page.locator('[data-export="satisfaction"]');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  const csv = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  expect(download.suggestedFilename()).toMatch(/^desklens-satisfaction-.*\.csv$/);
  const href = (await link.getAttribute('href')) ?? '';
  const token = await tokenForUser(backend.db, 'lee@acme.test');
  const direct = await fetch(`${backend.url}${href}`, { headers: { authorization: `Bearer ${token}` } });
  expect(csv).toBe((await direct.text()).replace(/^\uFEFF/, ''));
  expect(csv).toContain('Ada Agent');
  await ctx.close();
});

test('a score posted through the API appears on the open dashboard without a reload', async () => {
  const ctx = await context();
  const page = await ctx.newPage();
  await signInToConsole(page, backend, DEMO_PASSWORDS.lee.email, DEMO_PASSWORDS.lee.password);
  await dashboardReady(page);
  await expect(stat(page, 'csat')).toHaveAttribute('data-n', '12');
  const marker = await page.evaluate(() => {
    (window as unknown as { notReloaded: boolean }).notReloaded = true;
    return true;
  });
  await postEvents(backend, backend.demo?.agentToken ?? '', [
    score('A999', new Date(Date.now() - 60_000).toISOString()),
  ]);
  await expect(stat(page, 'csat')).toHaveAttribute('data-n', '13', { timeout: 15_000 });
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(marker);
  await ctx.close();
});

test('zh-CN in dark: the console speaks Chinese, numbers and all, and stays accessible on every page', async () => {
  const ctx = await context({ locale: 'zh-CN', colorScheme: 'dark' });
  const page = await ctx.newPage();
  await page.goto(`${backend.url}/`);
  await expect(page.getByRole('heading', { name: '登录 DeskLens' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await noAxeViolations(page);
  await signInToConsole(page, backend, DEMO_PASSWORDS.lee.email, DEMO_PASSWORDS.lee.password);
  await dashboardReady(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('团队仪表盘');
  await expect(page.locator('.weakest strong')).toContainText('最弱维度：售后支持 2 / 5');
  await expect(page.getByTestId('who')).toHaveText('已登录：Lee Lead（组长）');
  await expect(page.locator('html')).toHaveAttribute('data-scheme', 'dark');
  await noAxeViolations(page);
  for (const [name, heading] of [
    ['已评分工单', '已评分工单'],
    ['预警', '预警'],
    ['改进措施', '改进措施'],
  ] as const) {
    await page.getByRole('navigation', { name: '控制台栏目' }).getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await noAxeViolations(page);
  }
  // The toggle wins over the system: light, and English, remembered.
  await page.getByLabel('配色').selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-scheme', 'light');
  await page.getByLabel('语言').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Improvement actions');
  await noAxeViolations(page);
  await ctx.close();
});

test('the server serves the console with a CSP, revalidated pages, immutable assets and client routes', async () => {
  const index = await fetch(`${backend.url}/`);
  expect(index.status).toBe(200);
  expect(index.headers.get('cache-control')).toBe('no-cache');
  expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
  const html = await index.text();
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
  const js = await fetch(`${backend.url}${asset}`);
  expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(js.headers.get('content-type')).toContain('text/javascript');
  const route = await fetch(`${backend.url}/tickets/zendesk/1?period=7d`);
  expect(await route.text()).toBe(html);
  expect((await fetch(`${backend.url}/assets/missing.js`)).status).toBe(404);
  // A ticket id with a dot is still a page when the browser navigates to it.
  const dotted = await fetch(`${backend.url}/tickets/zendesk/1.5`, { headers: { accept: 'text/html' } });
  expect(await dotted.text()).toBe(html);
  expect((await fetch(`${backend.url}/api/v1/nothing`)).status).toBe(404);
  expect((await fetch(`${backend.url}/%2e%2e/package.json`)).status).not.toBe(200);
});
