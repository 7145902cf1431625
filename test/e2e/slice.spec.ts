import { ACTIVE_OVERLAY, expect, test } from './fixtures';

/**
 * The thin slice, end to end: Zendesk ticket → overlay → one click → background (Dexie outbox) → sync →
 * backend → database row. Any broken link makes it fail.
 */
test('a satisfaction score clicked on a Zendesk ticket lands in the backend database for that ticket and agent', async ({
  backend,
  extension,
  zendeskOrigin,
}) => {
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

  // The ticket's SLA outcomes (its first reply came late) travel with the score, once each.
  const stored = async () =>
    (await backend.db.selectFrom('events').select(['type']).execute()).map((row) => row.type).sort();
  await expect.poll(stored).toContain('sla');
  const events = await stored();
  expect(events.filter((type) => type === 'feedback')).toHaveLength(1);
  const outcomes = await backend.db.selectFrom('sla_outcomes').select(['ticket_id', 'metric']).execute();
  expect(new Set(outcomes.map((o) => `${o.ticket_id}/${o.metric}`)).size).toBe(outcomes.length);

  // The agent's popup agrees with the server: everything sent, nothing queued or failed.
  const popup = await extension.context.newPage();
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  await expect
    .poll(async () => {
      await popup.reload();
      const shown = Number(await popup.locator('[data-count="sent"]').textContent());
      return shown === (await stored()).length ? 'agrees' : `popup ${shown}, server ${(await stored()).length}`;
    })
    .toBe('agrees');
  await expect(popup.locator('[data-count="queued"]')).toHaveText('0');
  await expect(popup.locator('[data-count="failed"]')).toHaveText('0');
});
