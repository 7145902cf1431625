import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { tokenForUser } from '../../server/testing';
import { startTestBackend } from '../harness/backend';
import { launchConsoleBrowser, signInToConsole } from '../harness/console';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

// Password checks at OWASP's scrypt cost, a console and an extension in one browser, axe runs: generous when loaded.
test.setTimeout(240_000);

const TRAINER = { email: 'tara@acme.test', password: 'demo-trainer' };
const SCRIPT_ID = 'refund-not-arrived';

async function noViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

async function asAdmin(
  baseUrl: string,
  db: Parameters<typeof tokenForUser>[0],
  path: string,
  init: { method?: string; body?: unknown } = {},
) {
  const token = await tokenForUser(db, 'admin@acme.test');
  const response = await fetch(`${baseUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  // biome-ignore lint/suspicious/noExplicitAny: why: the test reads a few fields of the answers by name.
  return { status: response.status, body: (await response.json().catch(() => null)) as any };
}

const editorText = (ticketId: string) =>
  (window as unknown as { __fixture: { editorModels: Record<string, { text: string }> } }).__fixture.editorModels[
    ticketId
  ]?.text ?? '';

test('a trainer writes, previews and publishes a script (a 409 on the way loses nothing), and the extension suggests and inserts it after one sync', async ({
  backend,
  extension,
  zendeskOrigin,
}) => {
  const consolePage = await extension.context.newPage();
  await signInToConsole(consolePage, backend, TRAINER.email, TRAINER.password);
  await consolePage.getByRole('link', { name: 'Script studio' }).click();
  await expect(consolePage.getByRole('heading', { name: 'Script studio', level: 1 })).toBeVisible();
  await consolePage.getByRole('link', { name: 'New script' }).click();

  const editor = consolePage.locator('form.studio-editor');
  await editor.getByLabel('Script id').fill(SCRIPT_ID);
  await editor.getByLabel('Title').fill('Refund has not arrived');
  await editor.getByLabel('Scenario').fill('refund');
  await editor.getByLabel('Trigger keywords').fill('refund, has not arrived');

  // Typing {{ offers the variables; Enter takes the highlighted one and closes the braces.
  const body = editor.getByLabel('Script text', { exact: true });
  await body.click();
  await body.pressSequentially('Hi {{customer.fi');
  const choices = consolePage.getByRole('listbox', { name: 'Matching variables' });
  await expect(choices.getByRole('option')).toHaveText(['{{customer.first_name}}']);
  await noViolations(consolePage);
  await body.press('Enter');
  await expect(body).toHaveValue('Hi {{customer.first_name}}');
  await body.pressSequentially(', this is {{agnt.name}} about ticket #{{ticket.id}}.');
  await body.press('Escape');

  // An unknown variable is named before anything is sent.
  const unknown = consolePage.locator('#studio-body-unknown');
  await expect(unknown).toContainText('{{agnt.name}}');
  await editor.getByRole('button', { name: 'Save as draft' }).click();
  await expect(body).toBeFocused();
  expect(await backend.db.selectFrom('scripts').select('id').where('id', '=', SCRIPT_ID).execute()).toEqual([]);
  await body.fill('Hi {{customer.first_name}}, this is {{agent.name}} about ticket #{{ticket.id}}.');
  await expect(unknown).toHaveCount(0);

  // The preview fills it in for a customer of each tier, and the ranker says why it would come up.
  const preview = consolePage.locator('.studio-preview');
  await expect(preview.locator('[data-tier="vip"] [data-preview-text]')).toHaveText(
    'Hi Grace, this is Sam Agent about ticket #4242.',
  );
  // The agent's ticket, typed as the sample: keywords alone leave it behind the built-in refund scripts…
  await preview.getByLabel('Sample ticket subject').fill('Refund for order #88231 has not arrived');
  await preview.getByLabel('The customer’s latest message').fill('Any news? This is taking too long.');
  const position = preview.locator('[data-ranker-position]');
  await expect(position).toHaveAttribute('data-ranker-position', 'none');
  await expect(position).toContainText('Not among the suggestions for this ticket.');
  // …the customer's own phrases put it first, and the reasons say so.
  await editor.getByLabel('Phrases customers use').fill('has not arrived\ntaking too long');
  await expect(position).toHaveAttribute('data-ranker-position', '1');
  await expect(preview.getByRole('list', { name: 'Why it is suggested' })).toContainText('taking too long');

  await editor.getByRole('button', { name: 'Save as draft' }).click();
  await expect(consolePage).toHaveURL(new RegExp(`/studio/${SCRIPT_ID}`));
  await expect(consolePage.locator('.studio-versions tr[data-version="1"]')).toHaveAttribute('data-status', 'draft');
  await noViolations(consolePage);

  // Someone else saves version 2 while the trainer adds a line to version 1.
  const theirs = await asAdmin(backend.url, backend.db, `/api/v1/scripts/${SCRIPT_ID}`, {
    method: 'PUT',
    body: {
      expectedVersion: 1,
      script: {
        title: 'Refund has not arrived yet',
        body: 'Hi {{customer.first_name}}, this is {{agent.name}} about ticket #{{ticket.id}}.',
        locale: 'en',
        scenario: 'refund',
        triggerKeywords: ['refund', 'has not arrived'],
        phrases: ['has not arrived', 'taking too long'],
      },
    },
  });
  expect(theirs.status).toBe(201);
  const pageEditor = consolePage.locator('form.studio-editor');
  const pageBody = pageEditor.getByLabel('Script text', { exact: true });
  const mine =
    'Hi {{customer.first_name}}, this is {{agent.name}} about ticket #{{ticket.id}}.\nI have chased the warehouse today.';
  await pageBody.fill(mine);
  await pageEditor.getByRole('button', { name: 'Save as a new draft version' }).click();
  const conflict = consolePage.locator('.studio-conflict');
  await expect(conflict).toHaveAttribute('data-conflict', '1-2');
  await expect(conflict).toContainText('version 2 is now the newest');
  await expect(conflict.locator('tr[data-field="title"]')).toContainText('Refund has not arrived yet');
  await expect(pageBody).toHaveValue(mine);
  await noViolations(consolePage);
  // Merge: her new line on top of their new title, reviewed, then saved as version 3.
  await conflict.getByRole('button', { name: 'Merge: my changes on top of version 2' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(consolePage.locator('[data-merged="2"]')).toBeVisible();
  await expect(pageEditor.getByLabel('Title')).toHaveValue('Refund has not arrived yet');
  await expect(pageBody).toHaveValue(mine);
  await pageEditor.getByRole('button', { name: 'Save as a new draft version' }).click();
  await expect(consolePage.locator('.studio-versions tr[data-version="3"]')).toBeVisible();
  const saved = await asAdmin(backend.url, backend.db, `/api/v1/scripts/${SCRIPT_ID}`);
  expect([saved.body.version, saved.body.script.title, saved.body.script.body]).toEqual([
    3,
    'Refund has not arrived yet',
    mine,
  ]);

  // Side by side: version 2 against 3 shows the trainer's added line on the right.
  await consolePage.getByLabel('Older version').selectOption('2');
  await expect(consolePage.locator('.studio-versions [data-diff="2-3"] td[data-change="added"]')).toHaveText(
    /I have chased the warehouse today\./,
  );

  // Publish version 3 to Tier 1, Ada's team.
  const publish = consolePage.locator('form.studio-publish');
  await publish.getByRole('checkbox', { name: 'Tier 1' }).check();
  await publish.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(publish.getByRole('status')).toHaveText('Version 3 is published in English to: Tier 1.');
  await expect(consolePage.locator('.studio-script-title [data-status]')).toHaveAttribute('data-status', 'published');

  // The agent's extension: one "Sync now", and the ticket suggests and inserts the new script.
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  await popup.getByRole('button', { name: 'Sync now' }).click();
  await popup.close();
  const page = await extension.context.newPage();
  await page.goto(`${zendeskOrigin}/agent/tickets/1001`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(overlay).toHaveAttribute('data-state', 'ready');
  const toggle = overlay.locator('.dl-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const suggestion = overlay.locator(`.dl-scripts [data-script-id="${SCRIPT_ID}"]`);
  await expect(suggestion).toBeVisible();
  await suggestion.click();
  await expect
    .poll(() => page.evaluate(editorText, '1001'))
    .toContain('Hi Grace, this is Ada Agent about ticket #1001.');
  await expect.poll(() => page.evaluate(editorText, '1001')).toContain('I have chased the warehouse today.');

  // The insert reaches the trainers' figures after the next sync: one use of version 3, with its n.
  const again = await extension.context.newPage();
  await again.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  await again.getByRole('button', { name: 'Sync now' }).click();
  await expect
    .poll(() => backend.db.selectFrom('script_usage').select(['script_id', 'script_version', 'action']).execute())
    .toContainEqual({ script_id: SCRIPT_ID, script_version: 3, action: 'inserted' });
  await consolePage.reload();
  const usage = consolePage.locator('.studio-usage');
  await expect(usage).toHaveAttribute('data-loaded', 'ready');
  await expect(usage.locator('tr[data-version="3"] [data-figure="uses"]')).toContainText('1');
  await expect(usage.locator('tr[data-version="3"] [data-figure="edited"]')).toContainText('n = 0');
});

test.describe('studio screens for axe', () => {
  let browser: Browser;
  test.beforeAll(async () => {
    browser = await launchConsoleBrowser();
  });
  test.afterAll(async () => {
    await browser?.close();
  });

  test('every studio screen has no axe findings in light and dark, in English and Chinese', async () => {
    const backend = await startTestBackend();
    try {
      const script = {
        title: 'Apology for the delay',
        body: 'Hi {{customer.first_name | there}}, sorry for the wait on #{{ticket.id}}.',
        locale: 'en',
        scenario: 'apology',
        triggerKeywords: ['delay'],
      };
      expect(
        (
          await asAdmin(backend.url, backend.db, '/api/v1/scripts', {
            method: 'POST',
            body: { script: { id: 'apology-delay', ...script } },
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await asAdmin(backend.url, backend.db, '/api/v1/scripts/apology-delay', {
            method: 'PUT',
            body: { expectedVersion: 1, script: { ...script, body: `${script.body}\nThank you for your patience.` } },
          })
        ).status,
      ).toBe(201);
      const chinese = {
        id: 'waiting-zh',
        title: '让您久等了',
        body: '{{customer.name}}您好，让您久等了，工单 #{{ticket.id}} 我们正在处理。',
        locale: 'zh_CN',
        scenario: 'apology',
      };
      expect(
        (await asAdmin(backend.url, backend.db, '/api/v1/scripts', { method: 'POST', body: { script: chinese } }))
          .status,
      ).toBe(201);
      for (const [locale, colorScheme] of [
        ['en-GB', 'light'],
        ['en-GB', 'dark'],
        ['zh-CN', 'light'],
        ['zh-CN', 'dark'],
      ] as const) {
        const context = await browser.newContext({ locale, colorScheme });
        const page = await context.newPage();
        await signInToConsole(page, backend, TRAINER.email, TRAINER.password);
        await page.goto(`${backend.url}/studio`);
        await expect(page.locator('.studio-list')).toHaveAttribute('data-loaded', 'ready');
        await expect(page.locator('tr[data-script="apology-delay"]')).toBeVisible();
        await noViolations(page);
        if (locale === 'en-GB' && colorScheme === 'light') {
          // Search in Chinese and in English, and the status filter (the demo's built-in scripts are published).
          const filters = page.getByRole('form', { name: 'Find scripts' });
          const search = filters.getByRole('searchbox', { name: 'Search scripts (English or Chinese)' });
          await search.fill('久等');
          await search.press('Enter');
          await expect(page.locator('tr[data-script="waiting-zh"]')).toBeVisible();
          await expect(page.locator('tr[data-script="apology-delay"]')).toHaveCount(0);
          await search.fill('sorry for the wait');
          await search.press('Enter');
          await expect(page.locator('tr[data-script]')).toHaveCount(1);
          await expect(page.locator('tr[data-script="apology-delay"]')).toBeVisible();
          await search.fill('');
          await search.press('Enter');
          await filters.getByLabel('Status').selectOption('draft');
          await expect(page.locator('tr[data-script="waiting-zh"]')).toBeVisible();
          await expect(page.locator('tr[data-status="published"]')).toHaveCount(0);
          await filters.getByLabel('Language').selectOption('zh_CN');
          await expect(page.locator('tr[data-script]')).toHaveCount(1);
        }
        await page.goto(`${backend.url}/studio/new`);
        await expect(page.locator('.studio-preview')).toHaveAttribute('data-ready', 'true');
        await noViolations(page);
        if (locale === 'en-GB' && colorScheme === 'light') {
          // The server's refusal (the id is taken) is shown next to the field it is about.
          const form = page.locator('form.studio-editor');
          await form.getByLabel('Script id').fill('apology-delay');
          await form.getByLabel('Title').fill('Another apology');
          await form.getByLabel('Scenario').fill('apology');
          await form.getByLabel('Script text', { exact: true }).fill('Sorry, {{customer.first_name}}.');
          await form.getByRole('button', { name: 'Save as draft' }).click();
          await expect(page.locator('#studio-id-error')).toContainText('exists');
          await expect(form.getByLabel('Script id')).toHaveAttribute('aria-invalid', 'true');
        }
        await page.goto(`${backend.url}/studio/apology-delay`);
        await expect(page.locator('.studio-versions [data-diff="1-2"]')).toBeVisible();
        await expect(page.locator('.studio-usage')).toHaveAttribute('data-loaded', 'ready');
        await noViolations(page);
        if (locale === 'en-GB' && colorScheme === 'light') {
          // Only a published script can be retired: publish to every team, then retiring asks once more, and the
          // script leaves every catalog; its history stays.
          await expect(page.getByRole('button', { name: 'Retire…' })).toHaveCount(0);
          await page.getByRole('button', { name: 'Publish', exact: true }).click();
          await expect(page.locator('.studio-publish [role="status"]')).toHaveText(
            'Version 2 is published in English to: Every team.',
          );
          await page.getByRole('button', { name: 'Retire…' }).click();
          await page.getByRole('button', { name: 'Retire: remove from every agent’s catalog' }).click();
          await expect(page.locator('.studio-publish [role="status"]')).toHaveText('Retired. Its history stays.');
          await expect(page.locator('.studio-script-title [data-status]')).toHaveAttribute('data-status', 'retired');
          await expect(page.locator('.studio-versions tr[data-version]')).toHaveCount(2);
        }
        await context.close();
      }
    } finally {
      await backend.dispose();
    }
  });
});

test.describe('the studio with the organisation’s own tiers', () => {
  let browser: Browser;
  test.beforeAll(async () => {
    browser = await launchConsoleBrowser();
  });
  test.afterAll(async () => {
    await browser?.close();
  });

  test('the preview and the editor offer the organisation’s tiers, and tags, grades, synonyms and variantOf are saved', async () => {
    const backend = await startTestBackend();
    try {
      // An admin's own tiers: "Gold Circle" is nowhere in the defaults.
      const tierRules = {
        tiers: [
          {
            id: 'gold',
            label: { en: 'Gold Circle', zh_CN: '金卡会员', zh_TW: '金卡會員' },
            colour: '#b8860b',
            rank: 1,
          },
          { id: 'standard', label: { en: 'Standard', zh_CN: '标准', zh_TW: '標準' }, colour: '#6b7280', rank: 2 },
        ],
        rules: [
          {
            id: 'big-spender',
            description: { en: 'Spent over 50,000', zh_CN: '消费超过 50,000' },
            all: [{ attribute: 'lifetimeValue', op: 'gte', value: 50_000 }],
            tier: 'gold',
          },
        ],
        fallbackTier: 'standard',
      };
      const put = await asAdmin(backend.url, backend.db, '/api/v1/rules/tiers', {
        method: 'PUT',
        body: { value: tierRules },
      });
      expect(put.status).toBe(200);
      // The Simplified script the new Traditional one is the other version of.
      const simplified = {
        id: 'refund-late-zh',
        title: '退款延迟',
        body: '{{customer.name | 您}}好，您的退款正在处理中。',
        locale: 'zh_CN',
        scenario: 'refund',
      };
      expect(
        (await asAdmin(backend.url, backend.db, '/api/v1/scripts', { method: 'POST', body: { script: simplified } }))
          .status,
      ).toBe(201);

      const context = await browser.newContext({ locale: 'en-GB', colorScheme: 'light' });
      const page = await context.newPage();
      await signInToConsole(page, backend, TRAINER.email, TRAINER.password);
      await page.goto(`${backend.url}/studio/new`);
      const preview = page.locator('.studio-preview');
      await expect(preview).toHaveAttribute('data-ready', 'true');
      // A sample customer of each of the organisation's tiers, by the organisation's names; none of the defaults.
      await expect(preview.locator('.studio-tiers > li')).toHaveCount(2);
      await expect(preview.locator('[data-tier="gold"] h3')).toHaveText('Customer of tier Gold Circle');
      await expect(preview.locator('[data-tier="vip"]')).toHaveCount(0);
      await expect(preview.getByLabel('Customer’s tier').locator('option')).toHaveText(['Gold Circle', 'Standard']);

      const form = page.locator('form.studio-editor');
      await expect(form.getByRole('checkbox', { name: 'Gold Circle' })).toBeVisible();
      await expect(form.getByRole('checkbox', { name: 'VIP' })).toHaveCount(0);
      await form.getByLabel('Script id').fill('refund-late-zh-tw');
      await form.getByLabel('Title').fill('退款延遲');
      await form.getByLabel('Language').selectOption('zh_TW');
      await form.getByLabel('Scenario').fill('refund');
      await form.getByLabel('Script text', { exact: true }).fill('{{customer.name | 您}}好，您的退款正在處理中。');
      await expect(preview.locator('[data-tier="gold"] [data-preview-text]')).toHaveText(
        'Katherine Johnson好，您的退款正在處理中。',
      );
      await form.getByRole('checkbox', { name: 'Gold Circle' }).check();
      await form.getByLabel('Tags').fill('refund, 退款');
      await form.getByRole('checkbox', { name: 'Urgent' }).check();
      // By keyboard: the button adds a group, and its field takes the terms.
      await form.getByRole('button', { name: 'Add a synonym group' }).focus();
      await page.keyboard.press('Enter');
      const group = form.getByLabel('Synonym group 1');
      await group.fill('退款');
      await form.getByLabel('Other Chinese version of').selectOption('refund-late-zh');
      await noViolations(page);

      // A group of one is refused next to that group, before anything is sent.
      await form.getByRole('button', { name: 'Save as draft' }).click();
      await expect(page.locator('#studio-synonyms-0-error')).toContainText('at least two');
      await expect(group).toHaveAttribute('aria-invalid', 'true');
      await expect(group).toBeFocused();
      await noViolations(page);
      await group.fill('退款\n退錢');
      await form.getByRole('button', { name: 'Save as draft' }).click();
      await expect(page).toHaveURL(/\/studio\/refund-late-zh-tw/);
      await expect(page.locator('.studio-versions tr[data-version="1"]')).toBeVisible();

      const saved = await asAdmin(backend.url, backend.db, '/api/v1/scripts/refund-late-zh-tw');
      expect(saved.status).toBe(200);
      expect(saved.body.script).toMatchObject({
        locale: 'zh_TW',
        tiers: ['gold'],
        tags: ['refund', '退款'],
        grades: ['urgent'],
        synonyms: [['退款', '退錢']],
        variantOf: 'refund-late-zh',
      });
      // The saved version reads back into the editor as it was written.
      const reloaded = page.locator('form.studio-editor');
      await expect(reloaded.getByLabel('Synonym group 1')).toHaveValue('退款\n退錢');
      await expect(reloaded.getByLabel('Other Chinese version of')).toHaveValue('refund-late-zh');
      await expect(reloaded.getByRole('checkbox', { name: 'Urgent' })).toBeChecked();
      await context.close();

      // In Chinese and dark: the organisation's own Chinese names, and nothing for axe.
      const traditional = await browser.newContext({ locale: 'zh-CN', colorScheme: 'dark' });
      const zhPage = await traditional.newPage();
      await signInToConsole(zhPage, backend, TRAINER.email, TRAINER.password);
      await zhPage.goto(`${backend.url}/studio/refund-late-zh-tw`);
      await expect(zhPage.locator('.studio-preview')).toHaveAttribute('data-ready', 'true');
      await expect(zhPage.locator('.studio-preview [data-tier="gold"] h3')).toContainText('金卡会员');
      await expect(zhPage.locator('form.studio-editor').getByRole('checkbox', { name: '金卡会员' })).toBeChecked();
      await noViolations(zhPage);
      await traditional.close();
    } finally {
      await backend.dispose();
    }
  });
});
