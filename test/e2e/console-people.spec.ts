import { randomBytes } from 'node:crypto';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { tokenForUser } from '../../server/testing';
import { startTestBackend, type TestBackend } from '../harness/backend';
import { DEMO_PASSWORDS, launchConsoleBrowser, noAxeViolations, signInToConsole } from '../harness/console';

// Sign-in runs a password check at OWASP's scrypt cost; each test also runs several axe passes.
test.setTimeout(180_000);

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
});
test.afterEach(async () => {
  await backend?.dispose();
});

async function signedInAdmin(options: { locale?: string; colorScheme?: 'light' | 'dark' } = {}) {
  const ctx: BrowserContext = await browser.newContext({
    locale: options.locale ?? 'en-GB',
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await ctx.newPage();
  await signInToConsole(page, backend, DEMO_PASSWORDS.admin.email, DEMO_PASSWORDS.admin.password);
  return page;
}

/** The API as a script would call it, with an admin's token. */
async function asAdmin(path: string) {
  const token = await tokenForUser(backend.db, 'admin@acme.test');
  const response = await fetch(`${backend.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  // biome-ignore lint/suspicious/noExplicitAny: why: the test reads a few fields of list answers by name.
  return (await response.json()) as any;
}

/** A browser asks to be bound to a person, the way the extension does in approval mode. */
async function askForApproval(email: string, name: string) {
  const response = await fetch(`${backend.url}/api/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      enrollmentToken: backend.demo?.enrollmentToken,
      agent: { email, name, helpdeskUserId: '9001' },
      deviceSecret: randomBytes(32).toString('base64url'),
    }),
  });
  expect(response.status).toBe(202);
  return (await response.json()) as { deviceId: string };
}

const tab = (page: Page, name: RegExp) =>
  page.getByRole('navigation', { name: /sections|栏目/ }).getByRole('link', { name });

test('an admin creates a team and a user, changes a role, and a token is shown once, then revoked for good', async () => {
  const page = await signedInAdmin();
  await page.goto(`${backend.url}/admin/people/teams`);
  await expect(page.locator('[data-list="teams"] [data-row="tier-1"]')).toBeVisible();
  await noAxeViolations(page);

  // The shared schema names the empty field before anything is sent.
  await page.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByLabel('Team name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Team name', { exact: true }).fill('Tier 3 Escalations');
  await expect(page.getByLabel('Short name (slug)')).toHaveValue('tier-3-escalations');
  await page.getByRole('button', { name: 'Create team' }).click();
  await expect(page.locator('[data-row="tier-3-escalations"]')).toBeVisible();
  // A slug that is taken: the server's own field error, next to the field.
  await page.getByLabel('Team name', { exact: true }).fill('Tier 1 again');
  await page.getByLabel('Short name (slug)').fill('tier-1');
  await page.getByRole('button', { name: 'Create team' }).click();
  await expect(page.locator('#team-slug-problem')).toHaveText('Taken');
  const teamsNow = await asAdmin('/api/v1/teams');
  const tier3 = teamsNow.teams.find((t: { slug: string }) => t.slug === 'tier-3-escalations');
  expect(tier3.name).toBe('Tier 3 Escalations');

  await tab(page, /^Users$/).click();
  await expect(page.locator('[data-list="users"]')).toBeVisible();
  await noAxeViolations(page);
  await page.getByLabel('Work email').fill('not-an-email');
  await page.getByLabel('Name', { exact: true }).fill('Mei Lin');
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByLabel('Work email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#user-email-problem')).toBeVisible();
  await page.getByLabel('Work email').fill('mei@acme.test');
  await page.getByLabel('Name', { exact: true }).fill('Mei Lin');
  await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Tier 3 Escalations' });
  await page.getByRole('button', { name: 'Create user' }).click();
  const mei = page.locator('[data-row="mei@acme.test"]');
  await expect(mei).toBeVisible();
  await page.getByLabel('Role of Mei Lin').selectOption('lead');
  await expect(mei.getByText('Teams Mei Lin leads')).toBeVisible();
  const users = await asAdmin('/api/v1/users?limit=500');
  const stored = users.users.find((u: { email: string }) => u.email === 'mei@acme.test');
  expect(stored).toMatchObject({ role: 'lead', teamId: tier3.id, deactivated: false });
  // The admin cannot deactivate themself: no button on their own row.
  await expect(page.locator('[data-row="admin@acme.test"]')).toContainText('Ann Admin');
  await expect(page.getByRole('button', { name: /^Deactivate Ann Admin/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Deactivate Mei Lin/ })).toBeVisible();

  await tab(page, /^Tokens$/).click();
  await page.getByLabel('API token (for one user)').check();
  await page.getByLabel('User', { exact: true }).selectOption({ label: 'Mei Lin (mei@acme.test)' });
  await page.getByLabel('Label').fill('Mei laptop');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByText('you will not see it again')).toBeVisible();
  const secret = await page.locator('#issued-token').inputValue();
  expect(secret.length).toBeGreaterThan(20);
  await noAxeViolations(page);
  const me = (token: string) =>
    fetch(`${backend.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status);
  expect(await me(secret)).toBe(200);

  await page.reload();
  await expect(page.locator('[data-list="tokens"] [data-row="Mei laptop"]')).toBeVisible();
  await expect(page.locator('#issued-token')).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  await page.getByRole('button', { name: 'Revoke token Mei laptop' }).click();
  await expect(page.locator('[data-row="Mei laptop"]')).toContainText('Revoked');
  expect(await me(secret)).toBe(401);

  // Deactivating someone ends their tokens at once; reactivating does not bring old ones back.
  await page.getByLabel('API token (for one user)').check();
  await page.getByLabel('User', { exact: true }).selectOption({ label: 'Mei Lin (mei@acme.test)' });
  await page.getByLabel('Label').fill('Mei second');
  await page.getByRole('button', { name: 'Create token' }).click();
  const second = await page.locator('#issued-token').inputValue();
  expect(await me(second)).toBe(200);
  await tab(page, /^Users$/).click();
  await page.getByRole('button', { name: /^Deactivate Mei Lin/ }).click();
  await expect(page.locator('[data-row="mei@acme.test"]')).toContainText('Deactivated');
  expect(await me(second)).toBe(401);
  await page.getByRole('button', { name: 'Reactivate Mei Lin' }).click();
  await expect(page.locator('[data-row="mei@acme.test"]')).toContainText('Active');
  expect(await me(second)).toBe(401);

  // The audit log shows what was done, and filters by action and by who.
  await tab(page, /^Audit log$/).click();
  const audit = page.locator('[data-list="audit"]');
  for (const action of ['team.create', 'user.create', 'user.update', 'token.issue', 'token.revoke'])
    await expect(audit.locator(`[data-action="${action}"]`).first()).toBeVisible();
  await noAxeViolations(page);
  await page.getByLabel('Action').fill('token.revoke');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(audit.locator('tbody tr')).toHaveCount(1);
  await expect(audit.locator('[data-action="token.revoke"]')).toContainText('token.revoke');
  await page.getByLabel('Action').fill('');
  await page.getByLabel('Who').selectOption({ label: 'Mei Lin' });
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByText('No entries match.')).toBeVisible();
  // By day: nothing from tomorrow on; everything of today.
  await page.getByLabel('Who').selectOption({ label: 'Anyone' });
  const day = (offset: number) => {
    const at = new Date();
    at.setDate(at.getDate() + offset);
    return `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`;
  };
  await page.getByLabel('From (day)').fill(day(1));
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByText('No entries match.')).toBeVisible();
  await page.getByLabel('From (day)').fill(day(0));
  await page.getByLabel('To (day, included)').fill(day(-1));
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.locator('#audit-to-problem')).toHaveText('The last day is before the first.');
  await page.getByLabel('To (day, included)').fill(day(0));
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(audit.locator('[data-action="user.deactivate"]')).toBeVisible();
  await expect(audit.locator('[data-action="user.reactivate"]')).toBeVisible();
});

test('an admin approves a browser that asked for approval, seeing who asked and when', async () => {
  const asked = await askForApproval('nia.new@acme.test', 'Nia New');
  const page = await signedInAdmin();
  await page.goto(`${backend.url}/admin/people/devices`);
  const row = page.locator('[data-list="devices"] [data-row="nia.new@acme.test"]');
  await expect(row).toContainText('Nia New');
  await expect(row).toContainText('New person');
  await noAxeViolations(page);
  await row.getByRole('button', { name: 'Approve the browser of Nia New' }).click();
  await expect(row).toHaveCount(0);
  const approved = await asAdmin('/api/v1/devices?status=approved');
  expect(approved.devices.find((d: { id: string }) => d.id === asked.deviceId)).toMatchObject({
    status: 'approved',
    decidedBy: 'user_demo_adm',
  });
  await page.getByLabel('Show').selectOption('approved');
  await expect(page.locator('[data-row="nia.new@acme.test"]')).toContainText('by ');
  await tab(page, /^Audit log$/).click();
  await expect(page.locator('[data-list="audit"] [data-action="device.approve"]')).toBeVisible();
});

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const csvFile = (name: string, buffer: Buffer) => ({ name, mimeType: 'text/csv', buffer });

async function lookup(email: string) {
  const response = await fetch(`${backend.url}/api/v1/customers/lookup?email=${encodeURIComponent(email)}`, {
    headers: { authorization: `Bearer ${backend.demo?.agentToken}` },
  });
  // biome-ignore lint/suspicious/noExplicitAny: why: the test reads the customer's name only.
  return { status: response.status, body: (await response.json()) as any };
}

test('a customer import: dry run with its per-line report, then the import with progress to 100 %', async () => {
  const page = await signedInAdmin();
  await page.goto(`${backend.url}/admin/people/import`);
  await noAxeViolations(page);
  const file = page.getByLabel('CSV file');

  // Not a CSV, empty, and without the id column: named before anything is sent.
  await file.setInputFiles(csvFile('customers.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])));
  await expect(page.getByText('is an Excel workbook, not CSV')).toBeVisible();
  await file.setInputFiles(csvFile('empty.csv', Buffer.alloc(0)));
  await expect(page.getByText('empty.csv is empty')).toBeVisible();
  await file.setInputFiles(csvFile('wrong.csv', Buffer.from('customer,mail\nc-1,a@b.test\n')));
  await expect(page.getByText('No “id” (or “customer id”) column')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Check the file (dry run)' })).toBeDisabled();

  // Bad lines: the dry run lists each with its line and field, and the import stays locked.
  const bad =
    'id,email,name,lifetime_value\nc-1,ok@acme.test,Ok,10\nc-2,not-an-email,Bad,20\nc-1,dup@acme.test,Dup,x\n';
  await file.setInputFiles(csvFile('bad.csv', Buffer.from(bad)));
  await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
  const report = page.locator('[data-list="import-errors"]');
  await expect(report.locator('[data-line="3"]')).toContainText('email');
  await expect(report.locator('[data-line="4"]').first()).toBeVisible();
  await expect(page.getByText('Nothing can be imported until these lines are fixed')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import customers' })).toBeDisabled();
  await noAxeViolations(page);
  expect((await lookup('ok@acme.test')).status).toBe(404);

  // UTF-8 with a byte-order mark (Excel's "CSV UTF-8"): accepted as it is.
  const rows = ['id,email,name,lifetime_value,orders_last_90_days'];
  // Enough rows that the server reports progress on the way (every half second), not just the end.
  for (let i = 0; i < 40_000; i++) rows.push(`cust-${i},c${i}@shop.test,Customer ${i},${1000 + i},${i % 7}`);
  await file.setInputFiles(csvFile('crm.csv', Buffer.concat([BOM, Buffer.from(`${rows.join('\r\n')}\r\n`)])));
  await expect(page.locator('[data-verdict="bom"]')).toContainText('byte-order mark');
  await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
  await expect(page.locator('[data-report="dry"] [data-counts]')).toContainText(
    '40000 rows read: 40000 would be added',
  );
  await expect(page.getByText('No problems found')).toBeVisible();
  expect((await lookup('c1@shop.test')).status).toBe(404);
  // Every percent the bar shows, as the page draws it.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { seenPercents: number[] }).seenPercents = seen;
    new MutationObserver(() => {
      const value = document.querySelector('[data-percent]')?.getAttribute('data-percent');
      if (value !== null && value !== undefined && seen.at(-1) !== Number(value)) seen.push(Number(value));
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await page.getByRole('button', { name: 'Import customers' }).click();
  const progress = page.locator('.import-progress');
  await expect(progress).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(progress.locator('[data-percent]')).toHaveAttribute('data-percent', '100');
  await expect(progress.locator('progress')).toHaveAttribute('value', '100');
  await expect(progress.locator('[data-report="real"] [data-counts]')).toContainText('40000 added');
  const seen = await page.evaluate(() => (window as unknown as { seenPercents: number[] }).seenPercents);
  expect(seen.at(-1)).toBe(100);
  expect(seen.some((percent) => percent > 0 && percent < 100)).toBe(true);
  await noAxeViolations(page);
  const found = await lookup('c39999@shop.test');
  expect(found.status).toBe(200);
  expect(found.body.customer.name).toBe('Customer 39999');
});

test('a GBK-encoded export from a Chinese CRM is recognised and imported only after the admin agrees', async () => {
  const page = await signedInAdmin({ locale: 'zh-CN', colorScheme: 'dark' });
  await page.goto(`${backend.url}/admin/people/import`);
  // "张伟" and "李娜" in GBK, as Excel on a Chinese Windows saves CSV.
  const gbk = Buffer.concat([
    Buffer.from('id,email,name\nzh-1,zhang@shop.test,'),
    Buffer.from([0xd5, 0xc5, 0xce, 0xb0]),
    Buffer.from('\nzh-2,li@shop.test,'),
    Buffer.from([0xc0, 0xee, 0xc4, 0xc8]),
    Buffer.from('\n'),
  ]);
  await page.getByLabel('CSV 文件').setInputFiles(csvFile('客户.csv', gbk));
  const verdict = page.locator('[data-verdict="gbk"]');
  await expect(verdict).toContainText('GBK/GB18030');
  await expect(page.getByRole('button', { name: '检查文件（试运行）' })).toBeDisabled();
  await noAxeViolations(page);
  await verdict.getByRole('button', { name: '从 GBK 转换为 UTF-8 并继续' }).click();
  await page.getByRole('button', { name: '检查文件（试运行）' }).click();
  await expect(page.locator('[data-report="dry"] [data-counts]')).toContainText('读取 2 行');
  await page.getByRole('button', { name: '导入客户' }).click();
  await expect(page.locator('.import-progress')).toHaveAttribute('data-status', 'done', { timeout: 30_000 });
  await expect(page.locator('.import-progress [data-percent]')).toHaveAttribute('data-percent', '100');
  expect((await lookup('zhang@shop.test')).body.customer.name).toBe('张伟');
  expect((await lookup('li@shop.test')).body.customer.name).toBe('李娜');
});

test('every people screen has no axe findings in Chinese, light and dark', async () => {
  await askForApproval('wait.ing@acme.test', 'Wai Ting');
  for (const colorScheme of ['light', 'dark'] as const) {
    const page = await signedInAdmin({ locale: 'zh-CN', colorScheme });
    for (const section of ['', '/teams', '/tokens', '/devices', '/import', '/audit']) {
      await page.goto(`${backend.url}/admin/people${section}`);
      await expect(page.getByRole('heading', { level: 1, name: '人员与权限' })).toBeVisible();
      await expect(page.locator('.people-panel')).toBeVisible();
      await expect(page.locator('.loading')).toHaveCount(0);
      await noAxeViolations(page);
    }
    await page.context().close();
  }
});
