import { salesforceSelectors as sf } from '../../lib/adapters/salesforce/selectors';
import { zendeskSelectors as zd } from '../../lib/adapters/zendesk/selectors';
import { ACTIVE_OVERLAY, expect, test } from './fixtures';

/**
 * The refined-github habit: every selector, with its expected match count on its fixture (three tickets open),
 * counted in real Chromium — across the whole document and inside the active pane/workspace only.
 */
type Counts = Record<string, [whole: number, active: number]>;

function count([activeSelector, selectors]: readonly [string, Record<string, string>]): Counts {
  const active = document.querySelector(activeSelector);
  const out: Counts = {};
  for (const [name, selector] of Object.entries(selectors)) {
    out[name] = [document.querySelectorAll(selector).length, active?.querySelectorAll(selector).length ?? -1];
  }
  return out;
}

test('Zendesk selectors match their expected counts on the Agent Workspace fixture', async ({
  extension,
  zendeskOrigin,
}) => {
  const page = await extension.context.newPage();
  await page.goto(`${zendeskOrigin}/agent/tickets/1001`);
  await expect(page.locator('[data-test-id="ticket-1001-custom-layout"].active')).toHaveCount(1);
  // Panes are created lazily, on first view: open the other two tickets the way an agent does.
  for (const id of ['1002', '1003']) {
    await page.evaluate(
      (to) => (window as unknown as { __fixture: { navigate(id: string): void } }).__fixture.navigate(to),
      id,
    );
    await expect(page.locator(`[data-test-id="ticket-${id}-custom-layout"].active`)).toHaveCount(1);
  }
  await expect(page.locator(ACTIVE_OVERLAY)).toHaveAttribute('data-state', 'ready');
  const { panes, activePane, activeTab, ...inPane } = zd;
  const whole = await page.evaluate(count, ['html', { panes, activePane, activeTab }] as const);
  expect(whole).toEqual({ panes: [1, 1], activePane: [1, 1], activeTab: [1, 1] });
  const scoped = await page.evaluate(count, [activePane, inPane] as const);
  const expected: Counts = {
    subject: [3, 1],
    requesterName: [3, 1],
    priority: [3, 1],
    statusLabel: [3, 1],
    organization: [3, 1],
    editor: [3, 1],
  };
  for (const [name, counts] of Object.entries(expected)) expect(scoped[name], name).toEqual(counts);
  // Tags and comments vary per ticket; they must exist in the active pane and in more than one pane.
  for (const name of ['tag', 'comment', 'commentTime', 'commentMessage', 'commentText']) {
    expect(scoped[name]?.[1], name).toBeGreaterThan(0);
    expect(scoped[name]?.[0], name).toBeGreaterThan(scoped[name]?.[1] ?? 0);
  }
});

test('Salesforce selectors match their expected counts on the Service Console fixture', async ({
  extension,
  salesforceOrigin,
}) => {
  const page = await extension.context.newPage();
  for (const id of ['500Hs00001XyZaAIAV', '500Hs00001XyZbBIAV', '500Hs00001XyZcCIAV']) {
    await page.goto(`${salesforceOrigin}/lightning/r/Case/${id}/view`);
    await expect(page.locator(ACTIVE_OVERLAY)).toHaveAttribute('data-ticket-id', id);
  }
  // Hidden workspaces keep their DOM, so reopen the first two (as an agent would) and come back to the third.
  await page.evaluate(() => {
    const f = (window as unknown as { __fixture: { navigate(id: string): void } }).__fixture;
    f.navigate('500Hs00001XyZaAIAV');
    f.navigate('500Hs00001XyZbBIAV');
    f.navigate('500Hs00001XyZcCIAV');
  });
  await expect(page.locator('records-record-layout-item[field-label="Status"]')).toHaveCount(3);
  const whole = await page.evaluate(count, [
    'html',
    { workspaceManager: sf.workspaceManager, activeWorkspaceTab: sf.activeWorkspaceTab, body: sf.activeWorkspaceBody },
  ] as const);
  expect(whole).toEqual({ workspaceManager: [1, 1], activeWorkspaceTab: [1, 1], body: [1, 1] });
  const scoped = await page.evaluate(count, [
    sf.activeWorkspaceBody,
    {
      subjectHighlights: sf.subject[0],
      subjectDtsn: sf.subject[1],
      status: sf.layoutItem.replace('%s', 'Status'),
      priority: sf.layoutItem.replace('%s', 'Priority'),
      contactName: sf.layoutItem.replace('%s', 'Contact Name'),
      contactEmail: `${sf.layoutItem.replace('%s', 'Contact Email')} ${sf.email}`,
      accountName: sf.layoutItem.replace('%s', 'Account Name'),
      emailOuterFrame: sf.emailOuterFrame,
      chatterEditor: sf.chatterEditor,
    },
  ] as const);
  expect(scoped).toEqual({
    subjectHighlights: [3, 1],
    // The fixture's org shows the highlights panel, not dynamic forms: the fallback matches nothing here.
    subjectDtsn: [0, 0],
    status: [3, 1],
    priority: [3, 1],
    contactName: [3, 1],
    contactEmail: [3, 1],
    accountName: [3, 1],
    emailOuterFrame: [3, 1],
    chatterEditor: [3, 1],
  });
  // The owner lives in a real shadow root: invisible to querySelector, found by Playwright's piercing locator.
  await expect(page.locator('section.tabContent.active force-owner-lookup a')).toHaveText('Agent Smith');
});
