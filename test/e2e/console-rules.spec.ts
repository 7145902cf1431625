import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type Page, test as plain } from '@playwright/test';
import { startTestBackend, type TestBackend } from '../harness/backend';
import { DEMO_PASSWORDS, launchConsoleBrowser, signInToConsole } from '../harness/console';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

/**
 * The admins' rules and settings pages against the real backend, with the extension's own engines behind each
 * tester, and — the point of it all — a rule changed in the console reaching a real extension's overlay.
 */
test.setTimeout(180_000);

async function noViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

async function signInAsAdmin(page: Page, backend: TestBackend) {
  await signInToConsole(page, backend, DEMO_PASSWORDS.admin.email, DEMO_PASSWORDS.admin.password);
}

/** The rule set as stored, read back over the API with the admin's session (the page's own cookie). */
async function storedRules(page: Page, kind: string) {
  return page.evaluate(
    async (k) => (await (await fetch(`/api/v1/rules/${k}`)).json()) as { value: unknown; etag: string },
    kind,
  );
}

test('an admin changes a tier rule in the console and a real extension’s badge on the Zendesk ticket follows', {
  tag: ['@feature:tier-badge'],
}, async ({ extension, backend, zendeskOrigin }) => {
  const ticket = await extension.context.newPage();
  await ticket.goto(`${zendeskOrigin}/agent/tickets/1001`);
  const overlay = ticket.locator(ACTIVE_OVERLAY);
  // Grace Hopper's ticket is tagged "vip": the first default rule makes her VIP.
  await expect(overlay).toHaveAttribute('data-tier', 'vip');
  await expect(overlay.locator('.dl-tier-badge')).toHaveText('VIP');

  const console = await extension.context.newPage();
  await signInAsAdmin(console, backend);
  await console.goto(`${backend.url}/admin/rules`);
  await expect(console.getByRole('heading', { name: 'Tier rules', exact: true })).toBeVisible();
  // The tester, from the CRM's record of Grace (no tags there): high value, by the engine the extension runs.
  await console.getByLabel('Customer email').fill('grace@example.com');
  await console.getByRole('button', { name: 'Fill in from the customer' }).click();
  await expect(console.getByLabel('Lifetime value')).toHaveValue('12500');
  const result = console.locator('[data-tier-result]');
  await expect(result).toHaveAttribute('data-tier-result', 'high_value');
  await expect(result.locator('[data-rule-id="high-value-frequent"]')).toContainText('lifetimeValue = 12500');

  // VIP now means the "platinum" tag, not "vip": Grace falls to the next rule.
  const vipRule = console.locator('[data-rule="0"]');
  await vipRule.getByLabel('Value 1', { exact: true }).fill('platinum');
  await console.getByRole('button', { name: 'Save Tier rules' }).click();
  await expect(console.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const saved = (await storedRules(console, 'tiers')).value as { rules: { any?: { value: unknown }[] }[] };
  expect(saved.rules[0]?.any?.[0]?.value).toBe('platinum');

  // "Sync now" in the popup: the new rules reach the extension, and the open ticket's badge follows without the
  // agent reopening it.
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  await popup.getByRole('button', { name: 'Sync now' }).click();
  await ticket.bringToFront();
  await expect(overlay).toHaveAttribute('data-tier', 'high_value', { timeout: 20_000 });
  await popup.close();
  await expect(overlay.locator('.dl-tier-badge')).toHaveText('High value');
});

plain.describe('rules pages on a plain browser', () => {
  plain.setTimeout(180_000);
  let browser: Browser;
  let backend: TestBackend;
  plain.beforeAll(async () => {
    browser = await launchConsoleBrowser();
  });
  plain.afterAll(async () => {
    await browser?.close();
  });
  plain.beforeEach(async () => {
    backend = await startTestBackend();
  });
  plain.afterEach(async () => {
    await backend?.dispose();
  });

  async function adminPage(options: { locale?: string; colorScheme?: 'light' | 'dark' } = {}) {
    const context = await browser.newContext({
      locale: options.locale ?? 'en-GB',
      colorScheme: options.colorScheme ?? 'light',
    });
    const page = await context.newPage();
    await signInAsAdmin(page, backend);
    return page;
  }

  plain(
    'the tier tester gives the tiers and reasons the engine’s unit tests establish; a bad rule is named at its field',
    async () => {
      const page = await adminPage();
      await page.goto(`${backend.url}/admin/rules`);
      const result = page.locator('[data-tier-result]');
      const cases = [
        [{ 'Lifetime value': '50000' }, 'vip', 'vip-tag-or-spend'],
        [{ 'Lifetime value': '49999.99' }, 'potential', 'potential-growing-spend'],
        [{ 'Lifetime value': '10000', 'Orders, last 90 days': '3' }, 'high_value', 'high-value-frequent'],
        [{ 'Lifetime value': '500', 'Days since last purchase': '180' }, 'at_risk', 'churned'],
        [{ 'Lifetime value': '500', 'Days since last purchase': '179' }, 'general', 'fallback'],
      ] as const;
      for (const [values, tier, ruleId] of cases) {
        for (const label of ['Lifetime value', 'Orders, last 90 days', 'Days since last purchase'])
          await page.getByLabel(label, { exact: true }).fill((values as Record<string, string>)[label] ?? '');
        await expect(result).toHaveAttribute('data-tier-result', tier);
        await expect(result.locator(`[data-rule-id="${ruleId}"]`)).toBeVisible();
      }
      await page.getByLabel('Tags (comma-separated)').fill('VIP');
      await expect(result).toHaveAttribute('data-tier-result', 'vip');
      await page.getByLabel('Last CSAT (1–5)').fill('2');
      await expect(result).toContainText('Lifecycle: At risk');

      // A colour the schema refuses: named next to the field, nothing sent.
      const colour = page.locator('[data-path="tiers.0.colour"]');
      await colour.getByRole('textbox').fill('purple');
      await page.getByRole('button', { name: 'Save Tier rules' }).click();
      await expect(colour.locator('.rules-field-error')).toHaveText('expected a #rrggbb colour');
      await expect(colour.getByRole('textbox')).toHaveAttribute('aria-invalid', 'true');
      await noViolations(page);
      expect((await storedRules(page, 'tiers')).value).toBeNull();
    },
  );

  plain('a stale save shows what the other admin changed, and the merge keeps both edits', async () => {
    const page = await adminPage();
    await page.goto(`${backend.url}/admin/rules`);
    await page.locator('[data-rule="1"]').getByLabel('Value 1', { exact: true }).fill('20000');
    // Meanwhile another admin sets the fallback tier.
    const theirs = await page.evaluate(async () => {
      const current = (await (await fetch('/api/v1/rules/tiers')).json()) as { etag: string };
      return current.etag;
    });
    expect(theirs).toBeTruthy();
    const { DEFAULT_TIER_RULES } = await import('../../lib/tiers');
    const other = await page.evaluate(
      async (value) =>
        (
          await fetch('/api/v1/rules/tiers', {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ value }),
          })
        ).status,
      { ...DEFAULT_TIER_RULES, fallbackTier: 'potential' },
    );
    expect(other).toBe(200);
    await page.getByRole('button', { name: 'Save Tier rules' }).click();
    const conflict = page.locator('.rules-conflict');
    await expect(conflict).toContainText('someone else saved');
    await expect(conflict.locator('li')).toHaveText(['fallbackTier']);
    await noViolations(page);
    await conflict.getByRole('button', { name: 'Merge their changes with mine' }).click();
    await expect(page.getByLabel('Tier when no rule matches')).toHaveValue('potential');
    await expect(page.locator('[data-rule="1"]').getByLabel('Value 1', { exact: true })).toHaveValue('20000');
    await page.getByRole('button', { name: 'Save Tier rules' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    const stored = (await storedRules(page, 'tiers')).value as {
      fallbackTier: string;
      rules: { all: { value: unknown }[] }[];
    };
    expect(stored.fallbackTier).toBe('potential');
    expect(stored.rules[1]?.all[0]?.value).toBe(20000);
  });

  plain(
    'the SLA tester shows the engine’s deadline across a weekend; a repeated policy id is the server’s field error',
    async () => {
      const page = await adminPage();
      await page.goto(`${backend.url}/admin/rules/sla`);
      // lib/sla/evaluate.test.ts: Berlin, Mon–Fri 09:00–17:00, 2 business hours from Fri 27 Nov 16:30 → Mon 10:30.
      const calendar = page.locator('[data-calendar="0"]');
      await calendar.getByLabel('Time zone (IANA, e.g. Asia/Shanghai)').fill('Europe/Berlin');
      await calendar.getByLabel('Time zone (IANA, e.g. Asia/Shanghai)').press('Tab');
      for (const day of [
        'Monday hours (e.g. 09:00-18:00)',
        'Tuesday hours',
        'Wednesday hours',
        'Thursday hours',
        'Friday hours',
      ]) {
        await calendar.getByLabel(day).fill('09:00-17:00');
        await calendar.getByLabel(day).press('Tab');
      }
      const standard = page.locator('[data-policy="2"]');
      await expect(standard.getByLabel('Policy id')).toHaveValue('standard');
      await standard.getByLabel('Minutes 3', { exact: true }).fill('120');
      const tester = page.locator('.rules-tester');
      await tester.getByLabel('Times below are in (IANA zone)').fill('Europe/Berlin');
      await tester.getByLabel('Times below are in (IANA zone)').press('Tab');
      await tester.getByLabel('Created (the customer wrote)').fill('2026-11-27T16:30');
      await tester.getByLabel('Look at the clocks at (empty: now)').fill('2026-11-27T16:50');
      await expect(tester.locator('[data-policy-id]')).toHaveAttribute('data-policy-id', 'standard');
      const firstReply = tester.locator('tr[data-metric="first_reply_time"]');
      await expect(firstReply).toHaveAttribute('data-deadline', '2026-11-30T09:30:00.000Z');
      await expect(firstReply).toContainText('Running');
      // An agent replies on Monday at 10:00: the first reply is met.
      await tester.getByRole('button', { name: 'Add an event' }).click();
      await tester.getByLabel('Event 1', { exact: true }).selectOption('agent');
      await tester.getByLabel('When (event 1)').fill('2026-11-30T10:00');
      await tester.getByLabel('Look at the clocks at (empty: now)').fill('2026-11-30T11:00');
      await expect(firstReply).toContainText('Met');
      await noViolations(page);

      await page.getByRole('button', { name: 'Save Business-hours calendars' }).click();
      await expect(
        page.locator('form[aria-labelledby="calendars-title"]').getByRole('status').filter({ hasText: 'Saved.' }),
      ).toBeVisible();
      // Two policies with one id: only the server's set check sees it; its error lands at the field.
      const vip = page.locator('[data-policy="1"]');
      await vip.getByLabel('Policy id').fill('urgent-complaints');
      await page.getByRole('button', { name: 'Save SLA policies' }).click();
      await expect(vip.locator('[data-path="1.id"] .rules-field-error')).toContainText('already used by item 0');
      expect((await storedRules(page, 'sla-policies')).value).toBeNull();
    },
  );

  plain('the HTML tester shows what each selector finds and misses; a bad description is named by field', async () => {
    const page = await adminPage();
    await page.goto(`${backend.url}/admin/rules/adapters`);
    await page.getByRole('button', { name: 'Add a helpdesk' }).click();
    const description = page.locator('[data-adapter="0"] textarea');
    const example = JSON.parse(readFileSync('docs/adapters/editors/textarea.json', 'utf8')) as Record<string, unknown>;
    await description.fill(JSON.stringify({ ...example, ticketUrl: 5 }, null, 2));
    await expect(page.locator('[data-issues="0"]')).toContainText('ticketUrl');
    await description.fill(JSON.stringify(example, null, 2));
    await expect(page.locator('[data-issues="0"]')).toHaveCount(0);

    // A page saved from the helpdesk, with a script that must never run and no dock element.
    const html = `<!doctype html><html><body><div id="app"><main class="ticket" data-ticket-id="501">
      <h1 class="subject">[Acme] #501: Refund not received</h1><span class="status">Open</span>
      <span class="requester">Grace Hopper &lt;grace@example.com&gt;</span>
      <time class="created" datetime="2026-11-20T08:00:00Z">20 Nov</time>
      <div class="conversation"><div class="message"><span class="author">Grace</span><time datetime="2026-11-20T08:00:00Z"></time><div class="body">Where is my refund?</div></div></div>
      <textarea class="reply"></textarea>
      <script>document.title = 'ran'; window.parent && (window.parent.__ran = true)</script>
    </main></div></body></html>`;
    await page
      .getByLabel('The page’s address (only read, never fetched)')
      .fill('https://textarea.editors.acme-desk.test/tickets/501');
    await page.getByLabel('The page’s HTML').fill(html);
    await page.getByRole('button', { name: 'Test the selected description' }).click();
    await expect(page.locator('.rules-findings')).toBeVisible();
    await expect(page.locator('[data-finding="fields.subject"]')).toHaveAttribute('data-ok', 'true');
    await expect(page.locator('[data-finding="fields.subject"]')).toContainText('Refund not received');
    await expect(page.locator('[data-finding="activeTicket.pane"]')).toHaveAttribute('data-ok', 'true');
    await expect(page.locator('[data-finding="editor.selector"]')).toHaveAttribute('data-ok', 'true');
    await expect(page.locator('[data-finding="dock"]')).toHaveAttribute('data-ok', 'false');
    await expect(page.locator('[data-finding="dock"]')).toContainText('no element matches');
    expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
    expect(await page.title()).not.toBe('ran');
    await noViolations(page);

    await page.getByRole('button', { name: 'Save Other helpdesks' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    expect(((await storedRules(page, 'adapters')).value as { id: string }[])[0]?.id).toBe('acme-textarea');
  });

  plain(
    'settings save each on its own, reached by keyboard; a field another admin changed is shown, not overwritten',
    async () => {
      const page = await adminPage();
      // The sections are links: reached and followed by keyboard.
      await page.goto(`${backend.url}/admin/rules`);
      await page.getByRole('link', { name: 'Team settings' }).focus();
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(/\/admin\/rules\/settings$/);
      await expect(page.getByRole('link', { name: 'Team settings' })).toHaveAttribute('aria-current', 'page');
      await page.getByLabel('Customer tier badge').uncheck();
      await page.getByRole('button', { name: 'Save Features' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
      expect((await storedRules(page, 'features')).value).toMatchObject({ tierBadge: false });
      await page.getByLabel('Minutes before a deadline agents are notified (0–240)').fill('500');
      await page.getByRole('button', { name: 'Save Notification lead time' }).click();
      await expect(page.locator('form[aria-labelledby="notification-lead-title"] .rules-field-error')).toContainText(
        '240',
      );

      // Thresholds: the API keeps no version, so a field another admin changed meanwhile is shown, not overwritten.
      await page.getByLabel('Flag figures on fewer answers than').fill('30');
      const patched = await page.evaluate(
        async () =>
          (
            await fetch('/api/v1/quality-settings', {
              method: 'PATCH',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ smallSampleBelow: 20, actionDueHours: 48 }),
            })
          ).status,
      );
      expect(patched).toBe(200);
      await page.getByRole('button', { name: 'Save Alert and ranking thresholds' }).click();
      await expect(page.locator('form[aria-labelledby="thresholds-title"] .rules-conflict')).toContainText(
        'smallSampleBelow = 20',
      );
      await expect(page.getByLabel('Flag figures on fewer answers than')).toHaveValue('30');
      await page.getByRole('button', { name: 'Save Alert and ranking thresholds' }).click();
      await expect(page.locator('form[aria-labelledby="thresholds-title"]').getByRole('status')).toHaveText(
        'Saved. Extensions pick it up at their next sync.',
      );
      const quality = await page.evaluate(
        async () => (await (await fetch('/api/v1/quality-settings')).json()) as Record<string, unknown>,
      );
      // Theirs kept where only they changed (due hours), mine where I saved on purpose.
      expect(quality).toMatchObject({ smallSampleBelow: 30, actionDueHours: 48 });
    },
  );

  // One test per language and theme: each is four pages with axe, and together they ran close to the timeout on a
  // slow machine.
  for (const options of [
    { locale: 'en-GB', colorScheme: 'light' as const },
    { locale: 'zh-CN', colorScheme: 'dark' as const },
    { locale: 'zh-CN', colorScheme: 'light' as const },
  ]) {
    plain(`every rules screen passes axe: ${options.locale}, ${options.colorScheme}`, async () => {
      const screen = await adminPage(options);
      for (const section of ['', '/sla', '/settings', '/adapters']) {
        await screen.goto(`${backend.url}/admin/rules${section}`);
        await expect(screen.locator('.rules-form').first()).toBeVisible();
        if (options.locale === 'zh-CN')
          await expect(screen.getByRole('heading', { level: 1 })).toHaveText('规则与设置');
        await noViolations(screen);
      }
    });
  }
});
