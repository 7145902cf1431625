import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { KEPT_TICKETS } from '../../lib/overlay/features/runtime';
import { ACTIVE_OVERLAY, expect, expectOneOverlay, openZendeskTicket, test } from './fixtures';

type FixtureWindow = { __fixture: { navigate(id: string): void } };
type Marked = Element & { __seenBefore?: boolean };

async function switchTo(page: Page, id: string) {
  await page.evaluate((ticket) => (window as unknown as FixtureWindow).__fixture.navigate(ticket), id);
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(overlay).toHaveAttribute('data-ticket-id', id);
  await expect(overlay).toHaveAttribute('data-state', 'ready');
}

/** Leaves a mark on the element, in the page's world: only the same element still has it later. */
const mark = (page: Page, selector: string) =>
  page
    .locator(ACTIVE_OVERLAY)
    .locator(selector)
    .evaluate((element) => {
      (element as Marked).__seenBefore = true;
    });
const marked = (page: Page, selector: string) =>
  page
    .locator(ACTIVE_OVERLAY)
    .locator(selector)
    .evaluate((element) => (element as Marked).__seenBefore === true);

test('going back to a ticket shows its panel as it was left, and the panels of tickets out of front are out of sight and reach', async ({
  extension,
  zendeskOrigin,
}) => {
  const { page, overlay } = await openZendeskTicket(extension.context, zendeskOrigin, '1001');
  await expect(overlay.locator('.dl-subject')).toHaveText('Refund for order #88231 has not arrived');
  await mark(page, '.dl-tier-badge');
  const search = overlay.getByRole('searchbox', { name: 'Search scripts' });
  await search.fill('refund status');
  await expect(overlay.locator('.dl-search .dl-script').first()).toBeVisible();

  await switchTo(page, '1002');
  await expect(overlay.locator('.dl-subject')).toHaveText('账户资金丢失，请立即处理');
  await expect(search).toHaveValue('');
  expect(await marked(page, '.dl-tier-badge')).toBe(false);
  // 1001's panel is kept, hidden: not on screen, not in the tab order or the accessibility tree.
  const kept = page.locator('desklens-overlay[data-ticket-id="1001"]');
  await expect(kept).toHaveAttribute('data-active', 'false');
  await expect(kept.locator('.dl-toggle')).toBeHidden();
  await expect(page.getByRole('region', { name: 'DeskLens' })).toHaveCount(1);
  await page.locator('body').click();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const inKept = await kept.evaluate((host) => host.shadowRoot?.activeElement != null);
    expect(inKept, `Tab ${i + 1} stays out of the hidden panel`).toBe(false);
  }
  await expectOneOverlay(page);

  await switchTo(page, '1001');
  // The same elements, not rebuilt, and what the agent typed is still there.
  expect(await marked(page, '.dl-tier-badge')).toBe(true);
  await expect(search).toHaveValue('refund status');
  await expect(overlay.locator('.dl-subject')).toHaveText('Refund for order #88231 has not arrived');
  await expect(page.locator('desklens-overlay[data-ticket-id="1002"]')).toHaveAttribute('data-active', 'false');
  // The spacer holds the panel in front: the conversation below it is not covered.
  await expect
    .poll(async () => {
      const panel = await overlay.locator('.dl-panel').boundingBox();
      const spacer = await page.locator('desklens-dock').boundingBox();
      return panel && spacer ? Math.round(spacer.y + spacer.height - (panel.y + panel.height)) : -1;
    })
    .toBeGreaterThanOrEqual(0);
  await expectOneOverlay(page);
  const axe = await new AxeBuilder({ page }).include('desklens-overlay').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
});

test('a ticket beyond those kept takes the panel longest out of sight, and the ticket it belonged to comes back right', async ({
  extension,
  zendeskOrigin,
}) => {
  const { page, overlay } = await openZendeskTicket(extension.context, zendeskOrigin, '1001');
  const tier1001 = await overlay.locator('.dl-tier-badge').textContent();
  await mark(page, '.dl-tier-badge');
  const others = ['1002', '1003', '1004', '1005'];
  expect(others.length, 'more tickets than are kept').toBeGreaterThanOrEqual(KEPT_TICKETS);
  for (const id of others) await switchTo(page, id);
  // 1001 was let go: its host shows another ticket now.
  await expect(page.locator('desklens-overlay[data-ticket-id="1001"]')).toHaveCount(0);
  await expectOneOverlay(page);

  await switchTo(page, '1001');
  expect(await marked(page, '.dl-tier-badge')).toBe(false);
  await expect(overlay.locator('.dl-subject')).toHaveText('Refund for order #88231 has not arrived');
  await expect(overlay.locator('.dl-requester')).toContainText('Grace Hopper');
  await expect(overlay.locator('.dl-tier-badge')).toHaveText(tier1001 ?? '');
  await expectOneOverlay(page);
});
