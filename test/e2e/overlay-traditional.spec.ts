import AxeBuilder from '@axe-core/playwright';
import { type ExtensionBrowser, launchChromiumWithExtension } from '../harness/chromium';
import { FIXTURE_HOSTS } from '../harness/hosts';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

/**
 * Issue 20: a customer in Taipei writes Traditional Chinese to an agent whose browser reads Traditional (zh-TW;
 * zh-HK browsers get the same catalogue). The complaint is graded urgent, the first-reply clock runs on the urgent
 * 30-minute target, the trainer's Traditional script is suggested and inserted, and a Simplified script with no
 * Traditional version arrives as a reading copy marked as converted.
 */
const inBrowserLanguage = test.extend<{ traditional: ExtensionBrowser }>({
  traditional: async ({ fixtureServer: _server }, use) => {
    const browser = await launchChromiumWithExtension({ args: ['--lang=zh-TW'] });
    await use(browser);
    await browser.close();
  },
});

inBrowserLanguage(
  'a Traditional Chinese fraud complaint: urgent, the 30-minute clock, the Traditional script inserted',
  { tag: ['@feature:scripts', '@feature:sla-clocks'] },
  async ({ traditional, fixtureServer }) => {
    const page = await traditional.context.newPage();
    await page.goto(`${fixtureServer.origin(FIXTURE_HOSTS.zendesk)}/agent/tickets/1004`);
    const overlay = page.locator(ACTIVE_OVERLAY);
    await expect(overlay).toHaveAttribute('data-state', 'ready');
    // The interface speaks Traditional (Taiwan usage).
    await expect(overlay.locator('.dl-scripts')).toHaveAttribute('aria-label', '推薦話術');

    // Urgent: the first reply is due 30 minutes after the ticket came in, 20 minutes ago (normal would be hours).
    const clock = overlay.locator('[data-metric="first_reply_time"]');
    await expect(clock.locator('.dl-clock-label')).toHaveText('首次回覆');
    await expect(clock).toHaveAttribute('data-level', 'urgent');
    await expect(clock.locator('.dl-clock-value')).toHaveText(/^(9|10) m$/);

    const first = overlay.locator('.dl-script').first();
    await expect(first).toHaveAttribute('data-script', 'fraud-escalation-zh-tw');
    await expect(first.locator('.dl-script-title')).toHaveText('帳戶資金遺失／盜刷：保護帳戶並升級處理');
    await expect(first.locator('.dl-script-why')).toContainText('適用於緊急投訴');
    // Why, in the customer's own Traditional words.
    await expect(first.locator('.dl-script-why')).toContainText('“信用卡被盜刷”');
    await expect(first.locator('.dl-script-converted')).toHaveCount(0);
    await expect(overlay.locator('[data-script="fraud-escalation-zh"]')).toHaveCount(0);

    await first.locator('[data-script-id="fraud-escalation-zh-tw"]').click();
    await expect(first.getByRole('status')).toHaveText('已插入回覆');
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (window as unknown as { __fixture: { editorModels: Record<string, { text: string }> } }).__fixture
              .editorModels['1004']?.text,
        ),
      )
      .toContain('我已凍結您的帳戶');
  },
);

inBrowserLanguage(
  'a Simplified script with no Traditional version reaches a Traditional reader marked as converted',
  { tag: ['@feature:scripts'] },
  async ({ traditional, fixtureServer }) => {
    const page = await traditional.context.newPage();
    await page.goto(`${fixtureServer.origin(FIXTURE_HOSTS.zendesk)}/agent/tickets/1005`);
    const overlay = page.locator(ACTIVE_OVERLAY);
    const converted = overlay.locator('.dl-script:has(.dl-script-converted)').first();
    await expect(converted.locator('.dl-script-converted')).toHaveText('由簡體中文話術機器轉換，傳送前請通讀');
    await expect(converted.locator('.dl-script-preview')).toHaveAttribute('lang', 'zh-TW');
    // Only DeskLens's own UI is judged, light and dark.
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const results = await new AxeBuilder({ page }).include('desklens-overlay').analyze();
      expect(
        results.violations.map((v) => `${scheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([]);
    }
  },
);
