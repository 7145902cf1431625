import AxeBuilder from '@axe-core/playwright';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

test('after the one click, NPS, dimensions, a comment and a follow-up score reach the backend without counting twice', async ({
  backend,
  extension,
  zendeskOrigin,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${zendeskOrigin}/agent/tickets/1001`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(overlay).toHaveAttribute('data-state', 'ready');

  // The one click stays one click: no dialog, the score is recorded at once.
  await overlay.locator('[data-score="4"]').click();
  await expect(overlay.locator('[data-score="4"]')).toHaveAttribute('aria-pressed', 'true');

  const more = overlay.getByRole('button', { name: /More about this score \(4\/5\)/ });
  await more.click();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await overlay.getByLabel('How likely to recommend us (NPS, 0–10)').selectOption('9');
  await overlay.getByLabel('Product quality').selectOption('5');
  await overlay.getByLabel('After-sales support').selectOption('2');
  await overlay.getByLabel('What most needs improving (the customer’s words)').fill('Faster refunds, <b>please</b>');

  const axe = await new AxeBuilder({ page }).include('desklens-overlay').analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await overlay.getByRole('button', { name: 'Save details' }).click();
  await expect(overlay.getByText('Details saved with the score')).toBeVisible();
  await overlay.getByRole('button', { name: 'Follow-up satisfaction 5 of 5' }).click();
  await expect(overlay.locator('[data-follow-up="5"]')).toHaveAttribute('aria-pressed', 'true');

  const counted = () =>
    backend.db
      .selectFrom('feedback')
      .select(['round', 'csat', 'nps', 'dim_product_quality', 'dim_after_sales_support', 'comment'])
      .where('ticket_id', '=', '1001')
      .where('is_current', '=', 1)
      .orderBy('round')
      .execute();
  await expect.poll(counted).toEqual([
    {
      round: 'follow_up',
      csat: 5,
      nps: null,
      dim_product_quality: null,
      dim_after_sales_support: null,
      comment: null,
    },
    {
      round: 'initial',
      csat: 4,
      nps: 9,
      dim_product_quality: 5,
      dim_after_sales_support: 2,
      comment: 'Faster refunds, <b>please</b>',
    },
  ]);
  // The plain score and the detailed one are two versions of one answer: one counts.
  const initialRows = await backend.db
    .selectFrom('feedback')
    .select('is_current')
    .where('ticket_id', '=', '1001')
    .where('round', '=', 'initial')
    .execute();
  expect(initialRows.map((r) => r.is_current).sort()).toEqual([0, 1]);
});
