import { ACTIVE_OVERLAY, expect, expectOneOverlay, test } from './fixtures';

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
  // One ticket seen, one host: another is added only when a second ticket comes to the front.
  await expect(page.locator('desklens-overlay')).toHaveCount(1);

  await page.evaluate(() =>
    (window as unknown as { __fixture: { navigate(id: string): void } }).__fixture.navigate('1002'),
  );
  await expect(overlay).toHaveAttribute('data-ticket-id', '1002');
  await expect(page.locator('desklens-overlay')).toHaveCount(2);
  await expectOneOverlay(page);
  expect(errors).toEqual([]);
});

test('the overlay mounts on a Salesforce case in the console and follows the active workspace', async ({
  extension,
  salesforceOrigin,
}) => {
  const page = await extension.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${salesforceOrigin}/lightning/r/Case/500Hs00001XyZaAIAV/view`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(overlay).toHaveAttribute('data-ticket-id', '500Hs00001XyZaAIAV');
  await expect(overlay).toHaveAttribute('data-helpdesk', 'salesforce');
  await expect(overlay).toHaveAttribute('data-state', 'ready');

  await page.evaluate(() =>
    (window as unknown as { __fixture: { navigate(id: string): void } }).__fixture.navigate('500Hs00001XyZbBIAV'),
  );
  await expect(overlay).toHaveAttribute('data-ticket-id', '500Hs00001XyZbBIAV');
  await expectOneOverlay(page);
  expect(errors).toEqual([]);
});

test('when a required element disappears the overlay says so and reports it, without any page error', {
  tag: ['@feature:health'],
}, async ({ extension, zendeskOrigin }) => {
  const page = await extension.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${zendeskOrigin}/agent/tickets/1003`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(overlay).toHaveAttribute('data-state', 'ready');

  // Zendesk renames the subject field in a release: our selector no longer matches.
  await page.evaluate(() => {
    for (const input of document.querySelectorAll('[data-test-id="omni-header-subject"]')) {
      input.setAttribute('data-test-id', 'omni-header-subject-v2');
    }
  });
  await expect(overlay).toHaveAttribute('data-state', 'degraded');
  await expect(overlay.getByRole('status')).toContainText('DeskLens cannot read this page (zendesk: subject)');
  expect(errors).toEqual([]);
});
