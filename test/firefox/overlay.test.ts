import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FirefoxWithExtension, launchFirefoxWithExtension } from '../harness/firefox';
import { type FixtureServer, startFixtureServer } from '../harness/fixture-server';
import { FIXTURE_HOSTS } from '../harness/hosts';

describe('the overlay in Firefox ESR', () => {
  let fixtures: FixtureServer;
  let firefox: FirefoxWithExtension;
  beforeAll(async () => {
    fixtures = await startFixtureServer();
    firefox = await launchFirefoxWithExtension();
  });
  afterAll(async () => {
    await firefox?.close();
    await fixtures?.close();
  });

  it('shows the tier and clocks, scores with one click, and inserts a script into the editor’s model', async () => {
    const page = await firefox.browser.newPage();
    await page.goto(`${fixtures.origin(FIXTURE_HOSTS.zendesk)}/agent/tickets/1002`);
    await page.waitForSelector('desklens-overlay[data-active="true"][data-state="ready"][data-ticket-id="1002"]', {
      timeout: 20_000,
    });
    await page.waitForSelector('pierce/[data-metric="first_reply_time"]');
    // Docked under the ticket header (placed by script where CSS anchors are missing), clear of the send button.
    await page.waitForSelector('desklens-overlay[data-active="true"][data-dock="header"]', { timeout: 10_000 });
    const placement = await page.evaluate(() => {
      const panel = document
        .querySelector('desklens-overlay[data-active="true"]')
        ?.shadowRoot?.querySelector('.dl-panel');
      const pane = document.querySelector('.workspace:not([style*="none"])');
      const subject = pane?.querySelector('input[data-test-id="omni-header-subject"]')?.getBoundingClientRect();
      const send = pane?.querySelector('[data-test-id="submit_button-button"]')?.getBoundingClientRect();
      const box = panel?.getBoundingClientRect();
      return { panelTop: box?.top, panelBottom: box?.bottom, subjectBottom: subject?.bottom, sendTop: send?.top };
    });
    expect(placement.panelTop).toBeGreaterThanOrEqual(placement.subjectBottom ?? Number.POSITIVE_INFINITY);
    expect(placement.panelBottom).toBeLessThanOrEqual(placement.sendTop ?? 0);
    const insert = await page.waitForSelector('pierce/[data-script-id="fraud-escalation-zh"]');
    await insert?.click();
    const deadline = Date.now() + 10_000;
    let model = '';
    while (Date.now() < deadline && !model.includes('冻结')) {
      model = await page.evaluate(
        () =>
          (window as unknown as { __fixture: { editorModels: Record<string, { text: string }> } }).__fixture
            .editorModels['1002']?.text ?? '',
      );
      await new Promise((done) => setTimeout(done, 100));
    }
    expect(model).toContain('我已冻结您的账户');

    const score = await page.waitForSelector('pierce/[data-score="4"]');
    await score?.click();
    await page.waitForSelector('pierce/[data-score="4"][aria-pressed="true"]', { timeout: 10_000 });
  });
});
