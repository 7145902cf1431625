import { ACTIVE_OVERLAY, expect, test } from './fixtures';

test('the overlay mounts on a Zendesk ticket opened at its real host name and follows the active tab', async ({
  extension,
  zendeskOrigin,
}) => {
  const page = await extension.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${zendeskOrigin}/agent/tickets/1001`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(overlay).toHaveAttribute('data-ticket-id', '1001');
  await expect(overlay).toHaveAttribute('data-helpdesk', 'zendesk');
  await expect(overlay).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('desklens-overlay')).toHaveCount(1);

  await page.evaluate(() =>
    (window as unknown as { __fixture: { navigate(id: string): void } }).__fixture.navigate('1002'),
  );
  await expect(overlay).toHaveAttribute('data-ticket-id', '1002');
  await expect(page.locator('desklens-overlay')).toHaveCount(1);
  expect(errors).toEqual([]);
});
