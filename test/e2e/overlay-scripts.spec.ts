import AxeBuilder from '@axe-core/playwright';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

const editorText = (ticketId: string) =>
  (window as unknown as { __fixture: { editorModels: Record<string, { text: string }> } }).__fixture.editorModels[
    ticketId
  ]?.text ?? '';

test('the agent searches scripts in English and Chinese, inserts with Enter, and rates the script', {
  tag: ['@feature:script-search', '@feature:scripts'],
}, async ({ backend, extension, zendeskOrigin }) => {
  const page = await extension.context.newPage();
  await page.goto(`${zendeskOrigin}/agent/tickets/1001`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(overlay).toHaveAttribute('data-state', 'ready');

  // Alt+Shift+S opens the panel on the search box, wherever focus was on the page.
  await page.locator('body').click();
  await page.keyboard.press('Alt+Shift+KeyS');
  const search = overlay.getByRole('searchbox', { name: 'Search scripts' });
  await expect(search).toBeFocused();

  await search.fill('退款');
  const results = overlay.locator('.dl-search .dl-script');
  await expect(results.first()).toHaveAttribute('data-script', 'refund-status-zh');
  await expect(results.first().locator('.dl-script-preview')).toContainText('工单 #1001');
  await expect(overlay.locator('.dl-search-count')).toContainText('scripts found');

  await search.fill('refund status');
  await expect(results.first()).toHaveAttribute('data-script', 'refund-status-en');
  // Suggestions make way for the search results while there is a query.
  await expect(overlay.locator('.dl-details > .dl-scripts')).toHaveCount(0);

  const axe = await new AxeBuilder({ page }).include('desklens-overlay').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  await search.press('Enter');
  await expect(results.first().getByRole('status')).toHaveText('Inserted into the reply');
  await expect.poll(() => page.evaluate(editorText, '1001')).toContain('I have checked your refund for ticket #1001');

  await results.first().getByRole('button', { name: 'Good script for this ticket' }).click();
  await expect(results.first().locator('[data-rating="rated_up"]')).toHaveAttribute('aria-pressed', 'true');
  await expect
    .poll(async () =>
      (
        await backend.db
          .selectFrom('script_usage')
          .select(['script_id', 'action', 'ticket_id'])
          .orderBy('occurred_at')
          .execute()
      ).map((row) => `${row.ticket_id}:${row.script_id}:${row.action}`),
    )
    .toEqual(['1001:refund-status-en:inserted', '1001:refund-status-en:rated_up']);

  // Escape clears the query first; the suggestions come back.
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(overlay.locator('.dl-details > .dl-scripts')).toHaveCount(1);
});

test('a script sent as inserted and one the agent edited first are told apart for the trainers', async ({
  backend,
  extension,
  zendeskOrigin,
}) => {
  const page = await extension.context.newPage();
  const sent = () =>
    backend.db
      .selectFrom('script_usage')
      .select(['ticket_id', 'edited'])
      .where('action', '=', 'sent')
      .orderBy('ticket_id')
      .execute();
  const submit = page.locator('.workspace:not([style*="none"]) [data-test-id="submit_button-button"]');
  const overlay = page.locator(ACTIVE_OVERLAY);
  const insertFirst = async () => {
    const toggle = overlay.locator('.dl-toggle');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await overlay.locator('.dl-scripts [data-script-id]').first().click();
    await expect(overlay.locator('.dl-scripts').getByRole('status').first()).toHaveText('Inserted into the reply');
  };

  // 1001: inserted, then the agent adds a line of their own before sending.
  await page.goto(`${zendeskOrigin}/agent/tickets/1001`);
  await expect(overlay).toHaveAttribute('data-state', 'ready');
  await insertFirst();
  await page.locator('.workspace:not([style*="none"]) .ck-editor__editable').press('End');
  await page.keyboard.type(' I have also refunded the shipping.');
  await submit.click();
  await expect.poll(sent).toEqual([{ ticket_id: '1001', edited: 1 }]);

  // 1003: inserted and sent as it was.
  await page.evaluate(() =>
    (window as unknown as { __fixture: { navigate(id: string): void } }).__fixture.navigate('1003'),
  );
  await expect(overlay).toHaveAttribute('data-ticket-id', '1003');
  await expect(overlay).toHaveAttribute('data-state', 'ready');
  await insertFirst();
  await submit.click();
  await expect.poll(sent).toEqual([
    { ticket_id: '1001', edited: 1 },
    { ticket_id: '1003', edited: 0 },
  ]);
});
