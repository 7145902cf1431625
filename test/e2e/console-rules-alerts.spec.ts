import AxeBuilder from '@axe-core/playwright';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { startTestBackend, type TestBackend } from '../harness/backend';
import { DEMO_PASSWORDS, launchConsoleBrowser, signInToConsole } from '../harness/console';

/**
 * The admins' alert rules and script synonyms tabs against the real backend: every change is read back over the
 * API, and a synonym group is followed into the catalog a real agent token gets.
 */
test.describe('alert rules and script synonyms in the console', () => {
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

  async function adminPage(options: { locale?: string; colorScheme?: 'light' | 'dark' } = {}) {
    const context = await browser.newContext({
      locale: options.locale ?? 'en-GB',
      colorScheme: options.colorScheme ?? 'light',
    });
    const page = await context.newPage();
    await signInToConsole(page, backend, DEMO_PASSWORDS.admin.email, DEMO_PASSWORDS.admin.password);
    return page;
  }

  type StoredRule = {
    id: string;
    name: string;
    enabled: boolean;
    metric: string;
    slaMetric: string | null;
    condition: { value?: number };
  };
  /** The organisation's alert rules as stored, read with the admin's own session. */
  const storedAlertRules = (page: Page) =>
    page.evaluate(async () => ((await (await fetch('/api/v1/alert-rules')).json()) as { rules: StoredRule[] }).rules);

  async function noViolations(page: Page) {
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
  }

  test('an admin creates an alert rule (after a field error), disables it and deletes it', async () => {
    const page = await adminPage();
    await page.goto(`${backend.url}/admin/rules`);
    await page.getByRole('link', { name: 'Alert rules' }).click();
    await expect(page).toHaveURL(/\/admin\/rules\/alerts$/);
    await expect(page.getByRole('heading', { name: 'Alert rules', level: 2 })).toBeVisible();

    await page.getByRole('button', { name: 'New alert rule' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Refund CSAT');
    await page.getByLabel('Value (%, 0–100)').fill('150');
    await page.getByRole('button', { name: 'Create alert rule' }).click();
    // The shared schema's own message, at the field; nothing was sent.
    const value = page.locator('[data-path="condition.value"]');
    await expect(value.locator('.rules-field-error')).toHaveText('csat is a percentage (0–100)');
    await expect(value.getByRole('spinbutton')).toHaveAttribute('aria-invalid', 'true');
    expect((await storedAlertRules(page)).some((rule) => rule.name === 'Refund CSAT')).toBe(false);

    await value.getByRole('spinbutton').fill('70');
    await page.getByLabel('Level').selectOption('red');
    await page.getByRole('button', { name: 'Create alert rule' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Created “Refund CSAT”.' })).toBeVisible();
    const created = (await storedAlertRules(page)).find((rule) => rule.name === 'Refund CSAT');
    expect(created).toMatchObject({ enabled: true, level: 'red', condition: { kind: 'threshold', value: 70 } });

    const row = page.locator(`[data-alert-rule="${created?.id}"]`);
    await expect(row).toContainText('below 70 over 30 days');
    await row.getByRole('checkbox', { name: 'Enable Refund CSAT' }).uncheck();
    await expect(page.getByRole('status').filter({ hasText: '“Refund CSAT” is off' })).toBeVisible();
    expect((await storedAlertRules(page)).find((rule) => rule.id === created?.id)?.enabled).toBe(false);

    // An edit sends only what changed: the rule stays off while its window changes.
    await row.getByRole('button', { name: 'Edit Refund CSAT' }).click();
    await page.getByLabel('Window (days, 1–180)').fill('90');
    await page.getByRole('button', { name: 'Save alert rule' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved “Refund CSAT”.' })).toBeVisible();
    expect((await storedAlertRules(page)).find((rule) => rule.id === created?.id)).toMatchObject({
      enabled: false,
      windowDays: 90,
    });

    await row.getByRole('button', { name: 'Delete Refund CSAT' }).click();
    await row.getByRole('button', { name: 'Yes, delete Refund CSAT' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Deleted “Refund CSAT”' })).toBeVisible();
    await expect(row).toHaveCount(0);
    expect((await storedAlertRules(page)).some((rule) => rule.id === created?.id)).toBe(false);
  });

  test('an admin clears an SLA rule’s SLA metric, then turns the rule into a CSAT rule', async () => {
    const page = await adminPage();
    await page.goto(`${backend.url}/admin/rules/alerts`);
    await expect(page.getByRole('button', { name: 'New alert rule' })).toBeVisible();
    const id = await page.evaluate(async () => {
      const answer = await fetch('/api/v1/alert-rules', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'First replies slipping',
          metric: 'sla_attainment',
          slaMetric: 'first_reply_time',
          scope: { type: 'org' },
          condition: { kind: 'threshold', direction: 'below', value: 80 },
          windowDays: 30,
          level: 'orange',
        }),
      });
      return ((await answer.json()) as { id: string }).id;
    });
    await page.reload();
    const row = page.locator(`[data-alert-rule="${id}"]`);
    const stored = async () => (await storedAlertRules(page)).find((rule) => rule.id === id);

    await row.getByRole('button', { name: 'Edit First replies slipping' }).click();
    await page.getByLabel('SLA metric').selectOption('');
    await page.getByRole('button', { name: 'Save alert rule' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved “First replies slipping”.' })).toBeVisible();
    expect(await stored()).toMatchObject({ metric: 'sla_attainment', slaMetric: null, level: 'orange' });

    await page.evaluate(
      (rule) =>
        fetch(`/api/v1/alert-rules/${rule}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ slaMetric: 'next_reply_time' }),
        }),
      id,
    );
    await page.reload();
    await row.getByRole('button', { name: 'Edit First replies slipping' }).click();
    await page.getByLabel('Metric', { exact: true }).selectOption('csat');
    await page.getByLabel('SLA metric').selectOption('');
    await page.getByRole('button', { name: 'Save alert rule' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved “First replies slipping”.' })).toBeVisible();
    expect(await stored()).toMatchObject({ metric: 'csat', slaMetric: null });
  });

  test('the 200-rule limit is explained instead of a bare 409', async () => {
    const page = await adminPage();
    await page.goto(`${backend.url}/admin/rules/alerts`);
    await expect(page.getByRole('button', { name: 'New alert rule' })).toBeVisible();
    // Fill the organisation up over the API (the first create also seeds the built-in rules, so count on the
    // server's answer rather than on the list beforehand).
    const fillers = await page.evaluate(async () => {
      for (let i = 0; i < 250; i++) {
        const body = {
          name: `Filler ${i}`,
          metric: 'nps',
          scope: { type: 'org' },
          condition: { kind: 'threshold', direction: 'below', value: 0 },
          windowDays: 30,
          level: 'yellow',
        };
        const answer = await fetch('/api/v1/alert-rules', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        if (answer.status === 409) return i;
        if (answer.status !== 201) throw new Error(`filler ${i}: HTTP ${answer.status}`);
      }
      return -1;
    });
    expect(fillers).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'New alert rule' }).click();
    await page.getByLabel('Name', { exact: true }).fill('One too many');
    await page.getByRole('button', { name: 'Create alert rule' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'already has 200 alert rules' })).toBeVisible();
    expect(await storedAlertRules(page)).toHaveLength(200);
  });

  test('an admin adds a synonym group and the catalog agents get carries it', async () => {
    const page = await adminPage();
    await page.goto(`${backend.url}/admin/rules`);
    await page.getByRole('link', { name: 'Script synonyms' }).click();
    await expect(page).toHaveURL(/\/admin\/rules\/synonyms$/);
    const before =
      (
        await page.evaluate(
          async () =>
            (await (await fetch('/api/v1/rules/synonyms')).json()) as {
              value: string[][] | null;
            },
        )
      ).value ?? [];
    const group = before.length + 1;

    await page.getByRole('button', { name: 'Add a synonym group' }).click();
    await expect(page.getByLabel(`Term 1 of group ${group}`, { exact: true })).toBeFocused();
    await page.keyboard.type('the');
    await page.getByLabel(`Term 2 of group ${group}`, { exact: true }).fill('payback');
    await page.getByRole('button', { name: 'Save Synonyms for every script' }).click();
    // The schema's message next to the term it is about; nothing saved.
    const first = page.locator(`[data-path="${group - 1}.0"]`);
    await expect(first.locator('.rules-field-error')).toContainText('"the"');
    await expect(first.getByRole('textbox')).toHaveAttribute('aria-invalid', 'true');

    await first.getByRole('textbox').fill('refund');
    await page.getByRole('button', { name: `Add a term to group ${group}` }).click();
    await page.getByLabel(`Term 3 of group ${group}`, { exact: true }).fill('退钱');
    await page.getByRole('button', { name: 'Save Synonyms for every script' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

    const stored = await page.evaluate(
      async () =>
        (await (await fetch('/api/v1/rules/synonyms')).json()) as {
          value: string[][];
        },
    );
    expect(stored.value).toEqual([...before, ['refund', 'payback', '退钱']]);
    const catalog = await fetch(`${backend.url}/api/v1/catalog`, {
      headers: { authorization: `Bearer ${backend.demo?.agentToken}` },
    });
    expect(catalog.status).toBe(200);
    expect(((await catalog.json()) as { synonyms: string[][] }).synonyms).toContainEqual(['refund', 'payback', '退钱']);
  });

  test('a stale synonym save names the other admin’s save and loses nothing once resolved', async () => {
    const page = await adminPage();
    await page.goto(`${backend.url}/admin/rules/synonyms`);
    await page.getByRole('button', { name: 'Add a synonym group' }).click();
    await page.keyboard.type('parcel');
    await page.getByLabel('Term 2 of group 1', { exact: true }).fill('package');
    // Meanwhile another admin saves a list of their own.
    const status = await page.evaluate(async () => {
      const current = (await (await fetch('/api/v1/rules/synonyms')).json()) as { etag: string };
      const answer = await fetch('/api/v1/rules/synonyms', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'if-match': current.etag },
        body: JSON.stringify({ value: [['退款', '退钱']] }),
      });
      return answer.status;
    });
    expect(status).toBe(200);
    await page.getByRole('button', { name: 'Save Synonyms for every script' }).click();
    await expect(page.locator('.rules-conflict')).toContainText('someone else saved');
    // Taking theirs drops the draft for their list; the group is then added again on top of theirs.
    await page.getByRole('button', { name: 'Discard mine, take theirs' }).click();
    await expect(page.getByLabel('Term 1 of group 1', { exact: true })).toHaveValue('退款');
    await page.getByRole('button', { name: 'Add a synonym group' }).click();
    await page.keyboard.type('parcel');
    await page.getByLabel('Term 2 of group 2', { exact: true }).fill('package');
    await page.getByRole('button', { name: 'Save Synonyms for every script' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    const stored = await page.evaluate(
      async () =>
        (await (await fetch('/api/v1/rules/synonyms')).json()) as {
          value: string[][];
        },
    );
    expect(stored.value).toEqual([
      ['退款', '退钱'],
      ['parcel', 'package'],
    ]);
  });

  test('both tabs pass axe in light and dark, English and Chinese', async () => {
    for (const options of [
      { locale: 'en-GB', colorScheme: 'light' as const },
      { locale: 'en-GB', colorScheme: 'dark' as const },
      { locale: 'zh-CN', colorScheme: 'light' as const },
      { locale: 'zh-CN', colorScheme: 'dark' as const },
    ]) {
      const page = await adminPage(options);
      const chinese = options.locale === 'zh-CN';
      await page.goto(`${backend.url}/admin/rules/alerts`);
      await page.getByRole('button', { name: chinese ? '新建预警规则' : 'New alert rule' }).click();
      await expect(page.locator('#alert-form-title')).toBeVisible();
      await noViolations(page);
      await page.goto(`${backend.url}/admin/rules/synonyms`);
      await page.getByRole('button', { name: chinese ? '添加同义词组' : 'Add a synonym group' }).click();
      await page
        .getByRole('button', { name: chinese ? '保存适用于所有话术的同义词' : 'Save Synonyms for every script' })
        .click();
      // With the schema's messages showing, too.
      await expect(page.locator('.rules-field-error').first()).toBeVisible();
      await noViolations(page);
      await page.context().close();
    }
  });
});
