import type { Page } from '@playwright/test';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

const CASES = {
  a: { id: '1001', subject: 'Refund for order #88231 has not arrived', requester: 'Grace Hopper' },
  b: { id: '1002', subject: '账户资金丢失，请立即处理', requester: '李雷' },
  c: { id: '1003', subject: 'How do I export my invoices?', requester: 'Alan Turing' },
} as const;
type Fixture = { navigate(id: string): void; closeTab(id: string): void };

const navigate = (page: Page, id: string) =>
  page.evaluate((to) => (window as unknown as { __fixture: Fixture }).__fixture.navigate(to), id);
const closeTab = (page: Page, id: string) =>
  page.evaluate((to) => (window as unknown as { __fixture: Fixture }).__fixture.closeTab(to), id);

async function expectInFront(page: Page, c: (typeof CASES)[keyof typeof CASES]) {
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(page.locator(ACTIVE_OVERLAY)).toHaveCount(1);
  await expect(overlay).toHaveAttribute('data-ticket-id', c.id);
  await expect(overlay.locator('.dl-subject')).toHaveText(c.subject);
  await expect(overlay.locator('.dl-requester')).toContainText(c.requester);
  await expect(page.locator(ACTIVE_OVERLAY)).toHaveCount(1);
}

test('Zendesk: three tickets, fast switches before the pane was swapped in, back/forward, close, reload', async ({
  extension,
  zendeskOrigin,
}) => {
  const page = await extension.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${zendeskOrigin}/agent/tickets/${CASES.a.id}`);
  await expectInFront(page, CASES.a);
  await navigate(page, CASES.b.id);
  await expectInFront(page, CASES.b);
  // Fast switches: each pane is swapped in 120 ms after the URL changed; switch again before that.
  await navigate(page, CASES.c.id);
  await navigate(page, CASES.a.id);
  await navigate(page, CASES.c.id);
  await expectInFront(page, CASES.c);
  await page.goBack();
  await expectInFront(page, CASES.a);
  await page.goForward();
  await expectInFront(page, CASES.c);
  await closeTab(page, CASES.c.id);
  await expectInFront(page, CASES.b);
  await page.reload();
  await expectInFront(page, CASES.b);
  await expect(page.locator(ACTIVE_OVERLAY)).toHaveAttribute('data-state', 'ready');
  expect(errors).toEqual([]);
});

test('Zendesk: renaming the subject or the ticket pane degrades loudly without page errors', async ({
  extension,
  zendeskOrigin,
}) => {
  const page = await extension.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${zendeskOrigin}/agent/tickets/${CASES.b.id}`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(overlay).toHaveAttribute('data-state', 'ready');
  await page.evaluate(() => {
    for (const pane of document.querySelectorAll('.ticket-panes-grid-layout')) {
      pane.setAttribute('data-test-id', 'ticket-panes-v2');
    }
  });
  await expect(overlay).toHaveAttribute('data-state', 'degraded', { timeout: 15_000 });
  await expect(overlay).toContainText('ticket pane');
  expect(errors).toEqual([]);
});
