import type { Browser, BrowserContext } from '@playwright/test';
import { generatePolicies } from '../../lib/policy';
import { configureExtension, startTestBackend, type TestBackend } from '../harness/backend';
import { DEMO_PASSWORDS, launchConsoleBrowser, noAxeViolations, postEvents, signInToConsole } from '../harness/console';
import { downloadPolicy, fillRolloutForm } from '../harness/rollout';
import { expect, test } from './fixtures';

// Sign-in checks a password at OWASP's scrypt cost; axe runs several times.
test.setTimeout(120_000);

let consoleBrowser: Browser;
let backend: TestBackend;
test.beforeAll(async () => {
  consoleBrowser = await launchConsoleBrowser();
});
test.afterAll(async () => {
  await consoleBrowser?.close();
});
test.beforeEach(async () => {
  backend = await startTestBackend();
});
test.afterEach(async () => {
  await backend?.dispose();
});

async function adminPage(options: { locale?: string; colorScheme?: 'light' | 'dark' } = {}) {
  const ctx: BrowserContext = await consoleBrowser.newContext({
    locale: options.locale ?? 'en-GB',
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
  });
  const page = await ctx.newPage();
  await signInToConsole(page, backend, DEMO_PASSWORDS.admin.email, DEMO_PASSWORDS.admin.password);
  return { ctx, page };
}

test('an admin makes the policy files on the rollout page: each field names its error, each download is the generator’s file', async () => {
  const { ctx, page } = await adminPage();
  await page.getByRole('link', { name: 'Rollout and fleet' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Rollout and fleet');

  // Asked too early: the team and its token are named, and the first of them gets the focus.
  await page.getByRole('group', { name: 'Browsers' }).getByLabel('Chrome', { exact: true }).uncheck();
  await page.getByRole('group', { name: 'Browsers' }).getByLabel('Edge', { exact: true }).uncheck();
  await page.getByLabel('DeskLens server address').fill('desklens.acme.test');
  await page.getByLabel('Sync every (minutes)').fill('90');
  await page.getByRole('button', { name: 'Make the policy files' }).click();
  for (const [field, message] of [
    ['browsers', 'Pick at least one browser.'],
    ['team', 'Choose the team these browsers belong to.'],
    ['enrollmentToken', 'Enter the team’s enrollment token'],
    ['backendUrl', 'Enter the server’s full address'],
    ['syncIntervalMinutes', 'from 1 to 60'],
  ] as const)
    await expect(page.locator(`[data-error-for="${field}"]`)).toContainText(message);
  await expect(page.getByLabel('Sync every (minutes)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('[data-file]')).toHaveCount(0);
  await noAxeViolations(page);

  await page.getByLabel('Sync every (minutes)').fill('5');
  await fillRolloutForm(page, {
    browsers: ['Chrome', 'Edge'],
    platforms: ['Windows', 'Linux'],
    backendUrl: backend.url,
    team: 'Tier 1',
    identity: 'Single sign-on (identity provider)',
  });
  await expect(page.locator('[data-token-issued]')).toBeVisible();
  const token = await page.getByLabel('The team’s enrollment token').inputValue();
  // The new token is a real one, Tier 1's, stored only hashed.
  const tier1Tokens = await backend.db
    .selectFrom('api_tokens')
    .select('label')
    .where('kind', '=', 'enrollment')
    .where('team_id', '=', backend.demo?.teamId ?? '')
    .where('revoked_at', 'is', null)
    .execute();
  expect(tier1Tokens.map((row) => row.label)).toContainEqual(expect.stringMatching(/^Browser policy \d{4}-\d\d-\d\d$/));
  expect(token.length).toBeGreaterThanOrEqual(8);

  await expect(page.locator('[data-file]')).toHaveText([
    /chromium-linux\.json/,
    /chrome-windows\.reg/,
    /edge-linux\.json/,
    /edge-windows\.reg/,
  ]);
  const expected = generatePolicies({
    browsers: ['chrome', 'edge'],
    platforms: ['windows', 'linux'],
    settings: {
      backendUrl: backend.url,
      enrollmentToken: token,
      identity: 'sso',
      team: 'tier-1',
      enabledHelpdesks: ['zendesk', 'salesforce'],
      features: { tierBadge: true, slaClocks: true, scripts: true, feedback: true },
      notificationLeadMinutes: 15,
      language: 'auto',
      syncIntervalMinutes: 5,
    },
  });
  if (!expected.ok) throw new Error(JSON.stringify(expected.issues));
  for (const name of ['chromium-linux.json', 'chrome-windows.reg']) {
    expect(await downloadPolicy(page, name)).toBe(expected.files.find((f) => f.name === name)?.content ?? 'missing');
  }
  await page.locator('[data-file="chromium-linux.json"] summary').click();
  await expect(page.getByLabel('Contents of chromium-linux.json')).toHaveValue(/"force_installed"/);
  await noAxeViolations(page);
  await ctx.close();
});

test('fleet health lists the test browser after it syncs, and selectors that stopped matching', async ({
  extension,
}) => {
  await configureExtension(extension, { backendUrl: backend.url, agentToken: backend.demo?.agentToken });
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  await popup.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(async () => (await backend.db.selectFrom('browser_checkins').selectAll().execute()).length).toBe(1);
  await postEvents(backend, backend.demo?.agentToken ?? '', [
    {
      type: 'adapter_health',
      id: crypto.randomUUID(),
      occurredAt: new Date().toISOString(),
      helpdesk: 'zendesk',
      missing: ['requesterEmail'],
      extensionVersion: '0.1.0',
    },
  ]);

  const { ctx, page } = await adminPage();
  await page.goto(`${backend.url}/admin/rollout`);
  await page.getByRole('link', { name: 'Fleet health' }).click();
  await expect(page.getByRole('link', { name: 'Fleet health' })).toHaveAttribute('aria-current', 'page');
  const row = page.locator('[data-browser="ada@acme.test"]');
  await expect(row).toContainText('Ada Agent');
  await expect(row).toContainText(/Chrome \d+/);
  await expect(row.locator('[data-cell="version"]')).toHaveText('0.1.0');
  await expect(row.locator('[data-cell="queued"]')).toHaveText('0');
  await expect(page.locator('[data-total="browsers"]')).toHaveText('1');
  await expect(page.locator('[data-breakage="zendesk:requesterEmail"]')).toContainText('0.1.0');
  await noAxeViolations(page);
  await ctx.close();

  // Chinese, dark, by keyboard: the same page, still accessible.
  const zh = await adminPage({ locale: 'zh-CN', colorScheme: 'dark' });
  await zh.page.goto(`${backend.url}/admin/rollout/fleet`);
  await expect(zh.page.getByRole('heading', { level: 1 })).toHaveText('部署与设备');
  await expect(zh.page.locator('html')).toHaveAttribute('data-scheme', 'dark');
  await expect(zh.page.getByRole('heading', { name: '已报到的浏览器' })).toBeVisible();
  await expect(zh.page.locator('[data-browser="ada@acme.test"]')).toBeVisible();
  await noAxeViolations(zh.page);
  await zh.page.getByRole('link', { name: '策略文件' }).focus();
  await zh.page.keyboard.press('Enter');
  await expect(zh.page.getByRole('button', { name: '生成策略文件' })).toBeVisible();
  await zh.page.getByRole('button', { name: '生成策略文件' }).click();
  await expect(zh.page.locator('[data-error-for="team"]')).toHaveText('请选择这些浏览器所属的团队。');
  await noAxeViolations(zh.page);
  await zh.ctx.close();
});
