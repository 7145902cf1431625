import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../harness/fixture-server';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

test('a VIP customer’s badge explains itself and the clocks show running, breached and met targets', {
  tag: ['@feature:tier-badge', '@feature:sla-clocks'],
}, async ({ extension, zendeskOrigin }) => {
  const page = await extension.context.newPage();
  await page.goto(`${zendeskOrigin}/agent/tickets/1001`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  await expect(overlay).toHaveAttribute('data-tier', 'vip');
  const badge = overlay.locator('.dl-tier-badge');
  await expect(badge).toHaveText('VIP');
  await badge.focus();
  await expect(overlay.getByRole('tooltip')).toBeVisible();
  await expect(overlay.getByRole('tooltip')).toContainText('Tagged VIP');
  await expect(overlay.locator('.dl-subject')).toHaveText('Refund for order #88231 has not arrived');
  await expect(overlay.locator('.dl-requester')).toContainText('Grace Hopper');

  // VIP policy, high priority: next reply has ~20 minutes left; periodic update ran out days ago.
  await expect(overlay.locator('[data-metric="next_reply_time"]')).toHaveAttribute('data-level', 'ok');
  await expect(overlay.locator('[data-metric="next_reply_time"] .dl-clock-value')).toHaveText(/^(19|20) m$/);
  await expect(overlay.locator('[data-metric="periodic_update_time"]')).toHaveAttribute('data-level', 'breached');
  await expect(overlay.locator('[data-metric="periodic_update_time"] .dl-clock-value')).toHaveText(/^−/);
  await expect(overlay.locator('[data-metric="first_reply_time"]')).toHaveAttribute('data-state', 'fulfilled');
});

test('a clock ticks on the shared ticker and turns urgent as it crosses 15 minutes left', {
  tag: ['@feature:sla-clocks'],
}, async ({ extension, zendeskOrigin }) => {
  const page = await extension.context.newPage();
  // Urgent complaint (funds stolen) created 14 min 40 s ago: 30-minute first reply → 15 min 20 s left, so it
  // shows ok first (with room for a slow start) and turns urgent on the ticker about 20 s later.
  await page.goto(`${zendeskOrigin}/agent/tickets/1002?ageSeconds=880`);
  const clock = page.locator(`${ACTIVE_OVERLAY} [data-metric="first_reply_time"]`);
  await expect(clock).toHaveAttribute('data-level', 'ok');
  await expect(clock).toHaveAttribute('data-level', 'urgent', { timeout: 40_000 });
  await expect(clock.locator('.dl-clock-value')).toHaveText(/^1[45] m$/);
});

test('a pending ticket shows its waiting clock as paused', async ({ extension, zendeskOrigin }) => {
  const page = await extension.context.newPage();
  await page.goto(`${zendeskOrigin}/agent/tickets/1003`);
  const clock = page.locator(`${ACTIVE_OVERLAY} [data-metric="requester_wait_time"]`);
  await expect(clock).toHaveAttribute('data-state', 'paused');
  await expect(clock.locator('.dl-clock-value')).toContainText('Paused');
});

test('the fraud escalation script is suggested first, filled in, and inserted into the editor’s own model', {
  tag: ['@feature:scripts'],
}, async ({ backend, extension, zendeskOrigin }) => {
  const page = await extension.context.newPage();
  await page.goto(`${zendeskOrigin}/agent/tickets/1002`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  const first = overlay.locator('.dl-script').first();
  await expect(first).toHaveAttribute('data-script', 'fraud-escalation-zh');
  await expect(first.locator('.dl-script-why')).toContainText('Written for urgent complaints');

  await first.locator('[data-script-id="fraud-escalation-zh"]').click();
  await expect(first.getByRole('status')).toHaveText('Inserted into the reply');
  const model = () =>
    page.evaluate(
      () =>
        (window as unknown as { __fixture: { editorModels: Record<string, { text: string }> } }).__fixture.editorModels[
          '1002'
        ]?.text,
    );
  await expect.poll(model).toContain('我已冻结您的账户');

  await expect
    .poll(async () =>
      backend.db.selectFrom('events').select(['type', 'ticket_id']).where('type', '=', 'script_usage').execute(),
    )
    .toEqual([{ type: 'script_usage', ticket_id: '1002' }]);
});

test('with the backend connected, the badge shows the CRM’s view of the customer (requester found through Zendesk’s REST API)', async ({
  backend: _connected,
  extension,
  zendeskOrigin,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${zendeskOrigin}/agent/tickets/1003`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  // Locally this ticket only has billing tags (general); the CRM says lifetime value 64,000.
  await expect(overlay).toHaveAttribute('data-tier', 'vip');
  await overlay.locator('.dl-tier-badge').focus();
  await expect(overlay.getByRole('tooltip')).toContainText('lifetimeValue = 64000');

  // The details name what else the agent should know about this customer: last score, open complaints.
  const navigate = (id: string) =>
    page.evaluate(
      (to) => (window as unknown as { __fixture: { navigate(id: string): void } }).__fixture.navigate(to),
      id,
    );
  await navigate('1001');
  await expect(overlay).toHaveAttribute('data-ticket-id', '1001');
  await overlay.locator('.dl-tier-badge').focus();
  await expect(overlay.locator('[data-history="lastCsat"]')).toHaveText('Last CSAT: 4 / 5');
  await navigate('1002');
  await expect(overlay).toHaveAttribute('data-ticket-id', '1002');
  await overlay.locator('.dl-tier-badge').focus();
  await expect(overlay.locator('[data-history="openComplaints"]')).toHaveText('Open complaints: 2');
});

test('without policies of its own, the organisation sees Zendesk’s own SLA targets for the ticket', async ({
  extension,
  zendeskOrigin,
}) => {
  const page = await extension.context.newPage();
  const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  // Zendesk's answer for ticket 1003 with its SLA sideload (the fixture file has none).
  await page.route('**/api/v2/tickets/1003.json?include=users,organizations,slas', async (route) => {
    const body = JSON.parse(await readFile(join(FIXTURES_DIR, 'zendesk/api/tickets/1003.json'), 'utf8')) as {
      ticket: Record<string, unknown>;
    };
    body.ticket.created_at = inMinutes(-2 * 24 * 60);
    body.ticket.slas = {
      policy_metrics: [
        { metric: 'first_reply_time', stage: 'achieved', breach_at: inMinutes(-2 * 24 * 60 + 60) },
        { metric: 'periodic_update_time', stage: 'active', breach_at: inMinutes(25) },
      ],
    };
    await route.fulfill({ json: body });
  });
  await page.goto(`${zendeskOrigin}/agent/tickets/1003`);
  const overlay = page.locator(ACTIVE_OVERLAY);
  const periodic = overlay.locator('[data-metric="periodic_update_time"]');
  await expect(periodic).toHaveAttribute('data-state', 'active');
  await expect(periodic.locator('.dl-clock-value')).toHaveText(/^2[45] m$/);
  await expect(overlay.locator('[data-metric="first_reply_time"]')).toHaveAttribute('data-state', 'fulfilled');
  // DeskLens's built-in waiting clock (paused for this pending ticket) gives way to what Zendesk counts.
  await expect(overlay.locator('[data-metric="requester_wait_time"]')).toHaveCount(0);
});

test('a reply the page has not rendered (long conversations load lazily) still stops the first-reply clock', async ({
  extension,
  zendeskOrigin,
}) => {
  const page = await extension.context.newPage();
  const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();
  // Zendesk's conversation for 1002: the customer's message and an agent's public reply five minutes later,
  // which the fixture page (like a long conversation in Agent Workspace) does not show.
  await page.route('**/api/v2/tickets/1002/comments.json?*', (route) =>
    route.fulfill({
      json: {
        comments: [
          { author_id: 90001, public: true, created_at: ago(300) },
          { author_id: 90001, public: false, created_at: ago(400) },
          { author_id: 502, public: true, created_at: ago(600) },
        ],
        users: [
          { id: 502, role: 'end-user', name: '李雷' },
          { id: 90001, role: 'agent', name: 'Ada Agent' },
        ],
      },
    }),
  );
  await page.goto(`${zendeskOrigin}/agent/tickets/1002?ageSeconds=600`);
  const clock = page.locator(`${ACTIVE_OVERLAY} [data-metric="first_reply_time"]`);
  await expect(clock).toHaveAttribute('data-state', 'fulfilled');
  await expect(clock).toHaveAttribute('data-level', 'ok');
});
