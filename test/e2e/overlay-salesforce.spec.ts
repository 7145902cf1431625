import AxeBuilder from '@axe-core/playwright';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

const A = '500Hs00001XyZaAIAV';
const B = '500Hs00001XyZbBIAV';
type FixtureWindow = { __fixture: { navigate(id: string): void } };

test('Salesforce console: badge with reasons, scoring by click and keyboard, undo, each case keeps its own score', async ({
  backend,
  extension,
  salesforceOrigin,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${salesforceOrigin}/lightning/r/Case/${A}/view`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(overlay).toHaveAttribute('data-ticket-id', A);
  await expect(overlay).toHaveAttribute('data-state', 'ready');
  await expect(overlay.locator('.dl-subject')).toHaveText('Invoice charged twice this month');
  await expect(overlay.locator('.dl-requester')).toContainText('Katherine Johnson');

  // The badge says why. (Clocks need the case's milestones, which the agent has not allowed in this profile.)
  const badge = overlay.locator('.dl-tier-badge');
  await expect(badge).toHaveText('General');
  await badge.focus();
  await expect(overlay.getByRole('tooltip')).toContainText('No tier rule matched');

  // One click, then the keyboard replaces it, then undo brings the click back.
  await overlay.locator('[data-score="2"]').click();
  await expect(overlay.locator('[data-score="2"]')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Alt+Shift+Digit4');
  await expect(overlay.locator('[data-score="4"]')).toHaveAttribute('aria-pressed', 'true');
  const current = () =>
    backend.db
      .selectFrom('feedback')
      .select(['helpdesk', 'ticket_id', 'csat'])
      .where('is_current', '=', 1)
      .orderBy('ticket_id')
      .execute();
  await expect.poll(current).toEqual([{ helpdesk: 'salesforce', ticket_id: A, csat: 4 }]);
  await overlay.getByRole('button', { name: 'Undo' }).click();
  await expect(overlay.locator('[data-score="2"]')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(current).toEqual([{ helpdesk: 'salesforce', ticket_id: A, csat: 2 }]);

  // Another workspace tab has its own (empty) score; coming back shows this case's again.
  await page.evaluate((id) => (window as unknown as FixtureWindow).__fixture.navigate(id), B);
  await expect(overlay).toHaveAttribute('data-ticket-id', B);
  await expect(overlay.locator('.dl-feedback [aria-pressed="true"]')).toHaveCount(0);
  await overlay.locator('[data-score="5"]').click();
  await page.evaluate((id) => (window as unknown as FixtureWindow).__fixture.navigate(id), A);
  await expect(overlay).toHaveAttribute('data-ticket-id', A);
  await expect(overlay.locator('[data-score="2"]')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(current).toEqual([
    { helpdesk: 'salesforce', ticket_id: A, csat: 2 },
    { helpdesk: 'salesforce', ticket_id: B, csat: 5 },
  ]);

  const axe = await new AxeBuilder({ page }).include('desklens-overlay').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
});
