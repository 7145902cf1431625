import { configureExtension, startTestBackend } from '../harness/backend';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

/**
 * The thin slice, end to end: Zendesk ticket → overlay → one click → background (Dexie outbox) → sync →
 * backend → database row. Any broken link makes it fail.
 */
test('a satisfaction score clicked on a Zendesk ticket lands in the backend database for that ticket and agent', async ({
  extension,
  zendeskOrigin,
}) => {
  const backend = await startTestBackend();
  try {
    await configureExtension(await extension.serviceWorker(), {
      backendUrl: backend.url,
      agentToken: backend.demo?.agentToken,
    });

    const page = await extension.context.newPage();
    await page.goto(`${zendeskOrigin}/agent/tickets/1001`);
    const overlay = page.locator(ACTIVE_OVERLAY);
    await expect(overlay).toHaveAttribute('data-ticket-id', '1001');
    await expect(overlay).toHaveAttribute('data-state', 'ready');

    await overlay.locator('[data-score="4"]').click();
    await expect(overlay.locator('[data-score="4"]')).toHaveAttribute('aria-pressed', 'true');

    await expect
      .poll(async () =>
        backend.db.selectFrom('feedback').select(['ticket_id', 'csat', 'agent_id', 'helpdesk', 'is_current']).execute(),
      )
      .toEqual([{ ticket_id: '1001', csat: 4, agent_id: backend.demo?.agentId, helpdesk: 'zendesk', is_current: 1 }]);

    // The agent's popup agrees: one sent, nothing queued or failed.
    const popup = await extension.context.newPage();
    await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
    await expect(popup.locator('[data-count="sent"]')).toHaveText('1');
    await expect(popup.locator('[data-count="queued"]')).toHaveText('0');
    await expect(popup.locator('[data-count="failed"]')).toHaveText('0');
  } finally {
    await backend.dispose();
  }
});
