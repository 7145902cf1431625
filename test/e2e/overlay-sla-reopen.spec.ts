import { buildWithGrants, launchChromiumWithExtension } from '../harness/chromium';
import { FIXTURE_HOSTS } from '../harness/hosts';
import { SALESFORCE_SESSION_COOKIE } from '../harness/salesforce-api';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

type ZendeskFixture = { __fixture: { customerReply(id: string, body: string): void } };

test('Zendesk: solved, then the customer replies: the next-reply clock comes back and counts down @feature:sla-clocks', async ({
  extension,
  zendeskOrigin,
}) => {
  test.setTimeout(120_000);
  const page = await extension.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${zendeskOrigin}/agent/tickets/1001`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  const nextReply = overlay.locator('[data-metric="next_reply_time"]');
  const periodic = overlay.locator('[data-metric="periodic_update_time"]');
  // VIP policy, high priority: the customer's follow-up is 40 minutes old, 60 minutes to answer.
  await expect(nextReply).toHaveAttribute('data-state', 'active');

  // The agent answers and submits the ticket as solved.
  await page.locator('[data-test-id="omnicomposer-rich-text-ckeditor"]:visible').click();
  await page.keyboard.type('The refund went out today; it shows within three days.');
  await page.locator('[data-test-id="submit_button-menu-button"]:visible').click();
  await page.getByRole('menuitem', { name: 'Submit as Solved' }).click();
  await expect(page.locator('.ticket_status_label:visible')).toHaveText('SOLVED');
  await expect(nextReply).toHaveAttribute('data-state', 'fulfilled');
  await expect(nextReply).toHaveAttribute('data-level', 'ok');
  await expect(periodic).toHaveAttribute('data-state', 'fulfilled');

  // The customer writes back; Zendesk reopens the ticket, and a new reply is owed within the hour.
  await page.evaluate(() =>
    (window as unknown as ZendeskFixture).__fixture.customerReply('1001', 'Still nothing on my card statement.'),
  );
  await expect(page.locator('.ticket_status_label:visible')).toHaveText('OPEN');
  await expect(nextReply).toHaveAttribute('data-state', 'active');
  await expect(nextReply).toHaveAttribute('data-level', 'ok');
  const left = nextReply.locator('.dl-clock-value');
  await expect(left).toHaveText(/^(59|60) m$/);
  // No update is owed until the agent's next public reply (Zendesk activates periodic update on agent replies).
  await expect(periodic).toHaveAttribute('data-state', 'fulfilled');
  // It counts down on the page's shared ticker, without the page changing.
  await expect(left).toHaveText('58 m', { timeout: 75_000 });
  await expect(nextReply).toHaveAttribute('data-state', 'active');
  expect(errors).toEqual([]);
});

type SalesforceFixture = { __fixture: { customerEmail(id: string): Promise<void> } };
const CASE_C = '500Hs00001XyZcCIAV';

test('Salesforce: closed, then the contact emails again: the recurring milestone comes back and counts down @feature:sla-clocks', async ({
  fixtureServer,
}) => {
  test.setTimeout(120_000);
  const build = await buildWithGrants({ origins: ['https://*.my.salesforce.com/*'], permissions: ['cookies'] });
  const extension = await launchChromiumWithExtension({ extensionDir: build.dir });
  try {
    await extension.context.addCookies([{ ...SALESFORCE_SESSION_COOKIE, domain: FIXTURE_HOSTS.salesforceApi }]);
    const page = await extension.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${fixtureServer.origin(FIXTURE_HOSTS.salesforce)}/lightning/r/Case/${CASE_C}/view`);
    const overlay = page.locator(ACTIVE_OVERLAY);
    await expect(overlay).toHaveAttribute('data-ticket-id', CASE_C);
    // "Response" recurs each time the case is reopened; "Resolution" happens once.
    const response = overlay.locator('[data-metric="Response"]');
    const resolution = overlay.locator('[data-metric="Resolution"]');
    await expect(response).toHaveAttribute('data-state', 'fulfilled');
    await expect(resolution).toHaveAttribute('data-state', 'active');

    await page.getByRole('button', { name: 'Close Case' }).click();
    await expect(resolution).toHaveAttribute('data-state', 'fulfilled');
    await expect(resolution).toHaveAttribute('data-level', 'ok');

    // The contact writes back; Email-to-Case threads it and the org's flow reopens the case.
    await page.evaluate((id) => (window as unknown as SalesforceFixture).__fixture.customerEmail(id), CASE_C);
    await expect(response).toHaveAttribute('data-state', 'active');
    await expect(response).toHaveAttribute('data-level', 'ok');
    const left = response.locator('.dl-clock-value');
    await expect(left).toHaveText(/^(59|60) m$/);
    // A milestone that does not recur stays as it ended.
    await expect(resolution).toHaveAttribute('data-state', 'fulfilled');
    await expect(left).toHaveText('58 m', { timeout: 75_000 });
    expect(errors).toEqual([]);
  } finally {
    fixtureServer.resetSalesforceCases();
    await extension.close();
    await build.dispose();
  }
});
