import { buildWithGrants, launchChromiumWithExtension } from '../harness/chromium';
import { FIXTURE_HOSTS } from '../harness/hosts';
import { SALESFORCE_SESSION_COOKIE } from '../harness/salesforce-api';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

const A = '500Hs00001XyZaAIAV';
const B = '500Hs00001XyZbBIAV';
type FixtureWindow = { __fixture: { navigate(id: string): void } };

test('with milestones allowed, each case shows its own Salesforce milestones: met, running and violated', async ({
  fixtureServer,
}) => {
  const build = await buildWithGrants({ origins: ['https://*.my.salesforce.com/*'], permissions: ['cookies'] });
  const extension = await launchChromiumWithExtension({ extensionDir: build.dir });
  try {
    // The agent is signed in to Salesforce: its API host holds the session cookie.
    await extension.context.addCookies([{ ...SALESFORCE_SESSION_COOKIE, domain: FIXTURE_HOSTS.salesforceApi }]);
    const options = await extension.context.newPage();
    await options.goto(`chrome-extension://${extension.extensionId}/options.html`);
    await expect(options.locator('[data-access="salesforce-milestones"]')).toHaveAttribute('data-granted', 'true');
    await options.close();

    const page = await extension.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${fixtureServer.origin(FIXTURE_HOSTS.salesforce)}/lightning/r/Case/${A}/view`);
    const overlay = page.locator(ACTIVE_OVERLAY);
    await expect(overlay).toHaveAttribute('data-ticket-id', A);
    const resolution = overlay.locator('[data-metric="Resolution"]');
    await expect(resolution).toHaveAttribute('data-state', 'active');
    await expect(resolution.locator('.dl-clock-value')).toHaveText(/^(39|40) m$/);
    // 40 minutes of a 4-hour milestone left: inside the 25% warning band.
    await expect(resolution).toHaveAttribute('data-level', 'warn');
    await expect(overlay.locator('[data-metric="First Response"]')).toHaveAttribute('data-state', 'fulfilled');

    await page.evaluate((id) => (window as unknown as FixtureWindow).__fixture.navigate(id), B);
    await expect(overlay).toHaveAttribute('data-ticket-id', B);
    const violated = overlay.locator('[data-metric="Resolution"]');
    await expect(violated).toHaveAttribute('data-level', 'breached');
    await expect(violated.locator('.dl-clock-value')).toHaveText(/^−/);
    await expect(overlay.locator('[data-metric="First Response"]')).toHaveCount(0);
    expect(errors).toEqual([]);
  } finally {
    await extension.close();
    await build.dispose();
  }
});

test('without the agent allowing it, nothing is read from Salesforce’s API and the options offer it', async ({
  extension,
  fixtureServer,
  salesforceOrigin,
}) => {
  const options = await extension.context.newPage();
  await options.goto(`chrome-extension://${extension.extensionId}/options.html`);
  const offer = options.locator('[data-access="salesforce-milestones"]');
  await expect(offer).toHaveAttribute('data-granted', 'false');
  await expect(offer.getByRole('button')).toHaveText('Allow');

  const before = fixtureServer.requestCount(FIXTURE_HOSTS.salesforceApi);
  const page = await extension.context.newPage();
  await page.goto(`${salesforceOrigin}/lightning/r/Case/${A}/view`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(overlay).toHaveAttribute('data-state', 'ready');
  await expect(overlay.locator('.dl-tier-badge')).toBeVisible();
  // Give a request every chance to be sent: the adapter asks as soon as the case is read.
  await page.waitForTimeout(1_500);
  expect(fixtureServer.requestCount(FIXTURE_HOSTS.salesforceApi)).toBe(before);
  await expect(overlay.locator('[data-metric="Resolution"]')).toHaveCount(0);
});
