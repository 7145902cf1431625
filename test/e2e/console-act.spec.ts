import { type Browser, expect, test } from '@playwright/test';
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

// Password checks at OWASP's scrypt cost, alert evaluation after ingest, axe runs: generous on a loaded machine.
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
  await seedConsoleData(backend);
});
test.afterEach(async () => {
  await backend?.dispose();
});

async function asAdmin(path: string, init: { method?: string; body?: unknown } = {}) {
  const token = await tokenForUser(backend.db, 'admin@acme.test');
  const response = await fetch(`${backend.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  // biome-ignore lint/suspicious/noExplicitAny: why: the test reads a few fields of the answers by name.
  return { status: response.status, body: (await response.json().catch(() => null)) as any };
}

const dayAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

test('a score that breaks a rule fires an alert on the open dashboard; its action is tracked with evidence and a before/after figure', async () => {
  // Tier 2's satisfaction was worse a week ago; the action is dated three days ago, so the seeded scores are "after".
  const bo = await tokenForUser(backend.db, 'bo@acme.test');
  await postEvents(
    backend,
    bo,
    [1, 1, 2, 1].map((csat, i) => score(`B-old-${i}`, dayAgo(6 + i * 0.25).toISOString(), { csat })),
  );
  const rule = await asAdmin('/api/v1/alert-rules', {
    method: 'POST',
    body: {
      name: 'Tier 2 CSAT under 90%',
      metric: 'csat',
      scope: { type: 'team', id: 'team_demo_tier2' },
      condition: { kind: 'threshold', direction: 'below', value: 90 },
      windowDays: 30,
      level: 'red',
      // Nine Tier 2 scores so far: the rule can fire only once the tenth arrives.
      minimumN: 10,
    },
  });
  expect(rule.status).toBe(201);

  const ctx = await browser.newContext({ locale: 'en-GB' });
  const page = await ctx.newPage();
  await signInToConsole(page, backend, 'lin@acme.test', 'demo-lead2');
  await expect(page.locator('.dashboard')).toHaveAttribute('data-loaded', 'ready');
  await expect(page.locator('[data-live]')).toHaveAttribute('data-live', 'live');
  await expect(page.locator('.alerts-badge')).toHaveCount(0);

  // One more bad score from Bo: the server evaluates after ingest, and the stream brings the alert.
  await postEvents(backend, bo, [score('B-new', new Date(Date.now() - 30_000).toISOString(), { csat: 1 })]);
  const badge = page.locator('.alerts-badge');
  await expect(badge).toHaveText('1 open alerts', { timeout: 20_000 });
  await expect(badge).toHaveClass(/level-red/);
  await badge.click();
  await expect(page).toHaveURL(/\/alerts/);
  const row = page.locator('[data-list="alerts"] tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Tier 2 CSAT under 90%');
  await expect(row).toContainText('Tier 2');
  await noAxeViolations(page);
  await row.getByRole('link', { name: 'Open the action' }).click();
  await expect(page).toHaveURL(/\/actions.*#action-/);
  const action = page.locator('article[data-action]');
  await expect(action).toHaveCount(1);
  await expect(action).toHaveAttribute('data-status', 'open');
  await expect(action).toHaveAttribute('data-overdue', 'false');
  await noAxeViolations(page);

  // Edit by keyboard: status, actual date, evidence with a link.
  await action.getByRole('button', { name: /^Edit / }).press('Enter');
  await action.locator('textarea[name="action"]').fill('First reply ≤ 30 minutes on Tier 2 refund tickets');
  await action.getByLabel('Status').selectOption('done');
  await action.getByLabel('Actual date').fill(isoDay(dayAgo(3)));
  await action.getByLabel('Evidence').fill('Callback script rehearsed with every Tier 2 agent.');
  await action.getByLabel('Links (one a line)').fill('https://wiki.example.com/tier2-callbacks');
  await action.getByRole('button', { name: 'Save' }).press('Enter');
  await expect(action).toHaveAttribute('data-status', 'done');
  await expect(action.getByRole('heading', { level: 2 })).toHaveText(
    'First reply ≤ 30 minutes on Tier 2 refund tickets',
  );
  await expect(action.locator('[data-field="evidence"]')).toContainText('Callback script rehearsed');
  await expect(action.getByRole('link', { name: 'https://wiki.example.com/tier2-callbacks' })).toBeVisible();

  const actionId = (await action.getAttribute('data-action')) ?? '';
  const figure = await asAdmin(`/api/v1/actions/${actionId}/before-after`);
  expect(figure.status).toBe(200);
  expect(figure.body.before.figure.n).toBe(4);
  const before = action.locator('[data-side="before"]');
  const after = action.locator('[data-side="after"]');
  await expect(before).toHaveAttribute('data-value', String(figure.body.before.figure.value));
  await expect(before).toHaveAttribute('data-n', '4');
  await expect(after).toHaveAttribute('data-value', String(figure.body.after.figure.value));
  await expect(after).toHaveAttribute('data-n', String(figure.body.after.figure.n));
  await noAxeViolations(page);
  await ctx.close();
});

test('an overdue action stands out, in words as well as colour', async () => {
  const created = await asAdmin('/api/v1/actions', {
    method: 'POST',
    body: {
      problem: {
        metric: 'csat',
        dimension: 'after_sales_support',
        scopeType: 'team',
        scopeId: 'team_demo_tier1',
        description: 'After-sales support 2 / 5',
      },
      action: 'Call back every refund complaint within 24 h',
      ownerId: 'user_demo_lee',
      dueAt: dayAgo(1).toISOString(),
    },
  });
  expect(created.status).toBe(201);
  const ctx = await browser.newContext({ locale: 'zh-CN', colorScheme: 'dark' });
  const page = await ctx.newPage();
  await signInToConsole(page, backend, DEMO_PASSWORDS.lee.email, DEMO_PASSWORDS.lee.password);
  await page.goto(`${backend.url}/actions`);
  const action = page.locator('article[data-action]');
  await expect(action).toHaveAttribute('data-overdue', 'true');
  await expect(action.getByRole('heading', { level: 2 })).toContainText('已逾期');
  await expect(action).toContainText('售后支持');
  await noAxeViolations(page);
  await ctx.close();
});

test('without server-sent events the dashboard polls, and a new score still appears without a reload', async () => {
  const ctx = await browser.newContext({ locale: 'en-GB' });
  // A proxy that cannot stream, as far as the page can tell.
  await ctx.addInitScript(() => {
    // biome-ignore lint/suspicious/noExplicitAny: why: removing a browser global the page would otherwise use.
    delete (window as any).EventSource;
  });
  const page = await ctx.newPage();
  await signInToConsole(page, backend, DEMO_PASSWORDS.lee.email, DEMO_PASSWORDS.lee.password);
  await expect(page.locator('.dashboard')).toHaveAttribute('data-loaded', 'ready');
  await expect(page.locator('[data-live]')).toHaveAttribute('data-live', 'polling');
  await expect(page.locator('[data-stat="csat"]')).toHaveAttribute('data-n', '12');
  await postEvents(backend, backend.demo?.agentToken ?? '', [
    score('A-poll', new Date(Date.now() - 5_000).toISOString()),
  ]);
  await expect(page.locator('[data-stat="csat"]')).toHaveAttribute('data-n', '13', { timeout: 15_000 });
  await ctx.close();
});
