import { configureExtension, startTestBackend } from '../harness/backend';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

type FixtureWindow = { __fixture: { navigate(id: string): void } };

test('scores by keyboard, undo takes a score back everywhere, and each ticket keeps its own score', {
  tag: ['@feature:feedback'],
}, async ({ backend, extension, zendeskOrigin }) => {
  const page = await extension.context.newPage();
  await page.goto(`${zendeskOrigin}/agent/tickets/1001`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(overlay).toHaveAttribute('data-state', 'ready');

  // Keyboard shortcut: Alt+Shift+3.
  await page.keyboard.press('Alt+Shift+Digit3');
  await expect(overlay.locator('[data-score="3"]')).toHaveAttribute('aria-pressed', 'true');
  // Tab to a score button and press Enter: a second score replaces the first.
  await overlay.locator('[data-score="5"]').focus();
  await page.keyboard.press('Enter');
  await expect(overlay.locator('[data-score="5"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(overlay.locator('[data-score="3"]')).toHaveAttribute('aria-pressed', 'false');
  const current = () =>
    backend.db
      .selectFrom('feedback')
      .select(['ticket_id', 'csat'])
      .where('is_current', '=', 1)
      .orderBy('ticket_id')
      .execute();
  await expect.poll(current).toEqual([{ ticket_id: '1001', csat: 5 }]);

  // Undo restores the earlier score, in the overlay and on the server.
  await overlay.getByRole('button', { name: 'Undo' }).click();
  await expect(overlay.locator('[data-score="3"]')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(current).toEqual([{ ticket_id: '1001', csat: 3 }]);

  // Another ticket has its own (empty) state; coming back shows this ticket's score again.
  await page.evaluate(() => (window as unknown as FixtureWindow).__fixture.navigate('1003'));
  await expect(overlay).toHaveAttribute('data-ticket-id', '1003');
  await expect(overlay.locator('[aria-pressed="true"]')).toHaveCount(0);
  await page.evaluate(() => (window as unknown as FixtureWindow).__fixture.navigate('1001'));
  await expect(overlay).toHaveAttribute('data-ticket-id', '1001');
  await expect(overlay.locator('[data-score="3"]')).toHaveAttribute('aria-pressed', 'true');
});

const OFFLINE_CASES = [
  { helpdesk: 'zendesk', path: '/agent/tickets/1002', ticketId: '1002' },
  { helpdesk: 'salesforce', path: '/lightning/r/Case/500Hs00001XyZbBIAV/view', ticketId: '500Hs00001XyZbBIAV' },
] as const;

for (const desk of OFFLINE_CASES) {
  test(`${desk.helpdesk}: a score recorded offline syncs later: queued, then synced`, async ({
    extension,
    zendeskOrigin,
    salesforceOrigin,
  }) => {
    const page = await extension.context.newPage();
    await page.goto(`${desk.helpdesk === 'zendesk' ? zendeskOrigin : salesforceOrigin}${desk.path}`);
    const overlay = page.locator(ACTIVE_OVERLAY);
    await expect(overlay).toHaveAttribute('data-ticket-id', desk.ticketId);
    await overlay.locator('[data-score="2"]').click();
    await expect(overlay.locator('.dl-sync')).toHaveAttribute('data-sync-state', 'queued');

    const backend = await startTestBackend();
    try {
      await configureExtension(extension, {
        backendUrl: backend.url,
        agentToken: backend.demo?.agentToken,
      });
      const popup = await extension.context.newPage();
      await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
      await popup.getByRole('button', { name: 'Sync now' }).click();
      await expect(popup.locator('[data-count="sent"]')).toHaveText('1');
      await page.reload();
      await expect(page.locator(`${ACTIVE_OVERLAY} .dl-sync`)).toHaveAttribute('data-sync-state', 'synced');
      expect(await backend.db.selectFrom('feedback').select(['helpdesk', 'ticket_id', 'csat']).execute()).toEqual([
        { helpdesk: desk.helpdesk, ticket_id: desk.ticketId, csat: 2 },
      ]);
    } finally {
      await backend.dispose();
    }
  });
}
