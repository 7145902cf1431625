import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { formatDuration } from '../../components/format';
import { parseGenericAdapter } from '../../lib/schema/adapter';
import { configureExtension, currentScores, healthReports, signInAsAdmin, startTestBackend } from '../harness/backend';
import { pageBundle } from '../harness/bundle';
import { buildWithGrants, launchChromiumWithExtension, registeredContentScripts } from '../harness/chromium';
import { redmineUnavailable, startRedmine } from '../harness/redmine';
import { ACTIVE_OVERLAY, expect, expectOneOverlay, test } from './fixtures';

/**
 * The generic adapter on a real helpdesk: Redmine 5 from Debian's packages (scripts/redmine-setup.sh), described
 * only by docs/adapters/redmine.json, on an intranet name over plain http and a non-default port. Everything an
 * admin and an agent do is real: the admin saves the description on the backend, the fleet's configured build
 * (scripts/fleet-build.ts) holds the grant, the agent signs in to Redmine through its own login form and works
 * tickets; scores and health events reach the backend.
 */
const unavailable = redmineUnavailable();
test.skip(unavailable !== undefined, unavailable);

const shipped: Record<string, unknown> = JSON.parse(readFileSync('docs/adapters/redmine.json', 'utf8'));

/** The admin's tester (lib/adapters/generic/tester.ts), bundled for a page of its own. */
const testerBundle = pageBundle('lib/adapters/generic/tester.ts', 'DeskLensTester');

/** A calendar-time policy, so the clocks' values can be checked against Redmine's own timestamps. */
const POLICY = {
  id: 'redmine-e2e',
  title: 'Helpdesk E2E',
  targets: (['low', 'normal', 'high', 'urgent'] as const).flatMap((priority) => [
    { metric: 'first_reply_time', priority, targetMinutes: 60, businessHours: false },
    { metric: 'next_reply_time', priority, targetMinutes: 120, businessHours: false },
    { metric: 'requester_wait_time', priority, targetMinutes: 480, businessHours: false },
  ]),
};

async function signInToRedmine(page: Page, origin: string) {
  await page.goto(`${origin}/login`);
  await page.locator('#username').fill('admin');
  await page.locator('#password').fill('admin');
  await page.locator('#login-submit').click();
  await expect(page.locator('#loggedas')).toContainText('admin');
}

const clock = (page: Page, metric: string) => page.locator(`${ACTIVE_OVERLAY} .dl-clock[data-metric="${metric}"]`);

test('Redmine from Debian, described as data: the overlay follows issues, reads requester, status and the conversation for the SLA clocks, inserts into the reply, scores, and degrades loudly', async () => {
  test.setTimeout(240_000);
  const redmine = await startRedmine();
  const backend = await startTestBackend();
  const origin = `${redmine.origin}/*`;
  // The shipped description, on this run's port.
  const description = { ...shipped, matches: [origin] };
  const build = await buildWithGrants({ origins: [origin] });
  const extension = await launchChromiumWithExtension({ extensionDir: build.dir });
  try {
    expect(parseGenericAdapter(description).ok).toBe(true);
    const admin = await signInAsAdmin(backend);
    expect((await admin.save('adapters', [description])).status).toBe(200);
    expect((await admin.save('sla-policies', [POLICY])).status).toBe(200);
    const worker = await extension.serviceWorker();
    await configureExtension(extension, {
      backendUrl: backend.url,
      agentToken: backend.demo?.agentToken,
      agentName: 'Ada Agent',
    });
    await expect
      .poll(() => registeredContentScripts(worker), { timeout: 45_000 })
      // Chromium takes the port in the pattern: this Redmine only, not every port of the host.
      .toEqual([{ id: 'desklens-generic-redmine', matches: [origin] }]);

    const page = await extension.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await signInToRedmine(page, redmine.origin);

    // Issue 1: requester, status (In Progress → open) and the conversation (agent reply, then the customer's).
    await page.goto(`${redmine.origin}/issues/1`);
    const overlay = page.locator(ACTIVE_OVERLAY);
    await expect(overlay).toHaveAttribute('data-helpdesk', 'generic:redmine');
    await expect(overlay).toHaveAttribute('data-ticket-id', '1');
    await expect(overlay).toHaveAttribute('data-state', 'ready');
    await expect(overlay.locator('.dl-subject')).toHaveText('Cannot log in to the portal');
    await expect(overlay.locator('.dl-requester')).toContainText('Rita Requester');
    await expect(overlay).toHaveAttribute('data-dock', 'header');
    // The agent's reply fulfilled the first reply; the customer's later reply started a next-reply cycle; the
    // ticket is open (In Progress), so the requester is waiting.
    await expect(clock(page, 'first_reply_time')).toHaveAttribute('data-state', 'fulfilled');
    await expect(clock(page, 'next_reply_time')).toHaveAttribute('data-state', 'active');
    await expect(clock(page, 'requester_wait_time')).toHaveAttribute('data-state', 'active');
    await expect(overlay.locator('.dl-problems')).toHaveCount(0);

    // What the admin's tester reports for the same live page is what the overlay read.
    const tester = await extension.context.newPage();
    await tester.setContent('<!doctype html><title>tester</title>');
    await tester.addScriptTag({ content: testerBundle });
    const parsed = parseGenericAdapter(description);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const report = await tester.evaluate(
      ([d, html, url]) =>
        (
          window as unknown as {
            DeskLensTester: { testGenericDescription(d: unknown, p: { html: string; url: string }): unknown };
          }
        ).DeskLensTester.testGenericDescription(d, { html, url }),
      [parsed.description, await page.content(), page.url()] as const,
    );
    const restIssue = (await (await redmine.rest('/issues/1.json?include=journals')).json()) as {
      issue: { created_on: string; journals: { created_on: string; private_notes: boolean }[] };
    };
    const toMinute = (iso: string) => new Date(Math.floor(Date.parse(iso) / 60_000) * 60_000).toISOString();
    expect(report).toMatchObject({
      ticketId: '1',
      conversation: { items: 2, messages: 2, statusChanges: 1 },
      snapshot: {
        missing: [],
        ticket: {
          subject: 'Cannot log in to the portal',
          status: 'open',
          priority: 'normal',
          requester: { name: 'Rita Requester', id: '5' },
          // Redmine shows minutes in the agent's zone (Beijing); the description's timeZone reads them back.
          createdAt: toMinute(restIssue.issue.created_on),
          comments: [
            {
              authorRole: 'agent',
              authorName: 'Redmine Admin',
              at: toMinute(restIssue.issue.journals[0]?.created_on ?? ''),
            },
            {
              authorRole: 'customer',
              authorName: 'Rita Requester',
              at: toMinute(restIssue.issue.journals[1]?.created_on ?? ''),
            },
          ],
          statusHistory: [{ status: 'open' }],
        },
      },
    });
    expect((report as { findings: { path: string; ok: boolean }[] }).findings.filter((f) => !f.ok)).toEqual([]);
    await tester.close();

    // Issue 3: only a private note — internal, so the first reply is still due.
    await page.goto(`${redmine.origin}/issues/3`);
    await expect(overlay).toHaveAttribute('data-ticket-id', '3');
    await expect(clock(page, 'first_reply_time')).toHaveAttribute('data-state', 'active');

    // A ticket the requester opens now: the clock counts from Redmine's created time, read in the described zone.
    const created = (await (
      await redmine.rest('/issues.json', {
        asUser: 'requester',
        body: { issue: { project_id: 'helpdesk-e2e', tracker_id: 3, subject: 'Password reset mail never arrives' } },
      })
    ).json()) as { issue: { id: number; created_on: string } };
    const newId = String(created.issue.id);
    await page.goto(`${redmine.origin}/issues/${newId}`);
    await expect(overlay).toHaveAttribute('data-ticket-id', newId);
    await expect(clock(page, 'first_reply_time')).toHaveAttribute('data-state', 'active');
    const shown = (await clock(page, 'first_reply_time').locator('.dl-clock-value').textContent()) ?? '';
    const expectedLeft = Date.parse(toMinute(created.issue.created_on)) + 60 * 60_000 - Date.now();
    const candidates = [-60_000, 0, 60_000].map((drift) => formatDuration(expectedLeft + drift));
    expect(candidates).toContain(shown);

    // Issue 2 (Chinese), then back to 1 and forward again: always the issue in front of the agent.
    await page.goto(`${redmine.origin}/issues/2`);
    await expect(overlay).toHaveAttribute('data-ticket-id', '2');
    await expect(overlay.locator('.dl-subject')).toHaveText('发票无法下载');
    await page.goto(`${redmine.origin}/issues/1`);
    await expect(overlay).toHaveAttribute('data-ticket-id', '1');
    await page.goBack();
    await expect(overlay).toHaveAttribute('data-ticket-id', '2');
    await expect(overlay).toHaveAttribute('data-state', 'ready');
    await expectOneOverlay(page);

    // Insert: the overlay opens Redmine's hidden edit form, writes the script into the notes, checks it is there;
    // Redmine's own Submit then posts it as the agent's note.
    const firstScript = overlay.locator('.dl-script').first();
    const scriptText = ((await firstScript.locator('.dl-script-preview').textContent()) ?? '').trim();
    expect(scriptText.length).toBeGreaterThan(10);
    await firstScript.locator('[data-script-id]').click();
    await expect(firstScript.getByRole('status')).toHaveText('Inserted into the reply');
    await expect(page.locator('#update')).toBeVisible();
    expect((await page.locator('#issue_notes').inputValue()).replace(/\s+/g, ' ').trim()).toBe(
      scriptText.replace(/\s+/g, ' '),
    );
    await page.locator('#issue-form input[name="commit"]').click();
    await expect(page.locator('#history .journal').last()).toContainText(scriptText.slice(0, 40));
    const journals = (
      (await (await redmine.rest('/issues/2.json?include=journals')).json()) as {
        issue: { journals: { notes: string; user: { name: string } }[] };
      }
    ).issue.journals;
    expect(journals.at(-1)?.notes.replace(/\s+/g, ' ').trim()).toBe(scriptText.replace(/\s+/g, ' '));
    expect(journals.at(-1)?.user.name).toBe('Redmine Admin');
    // The posted note is the agent's first reply on issue 2.
    await expect(overlay).toHaveAttribute('data-ticket-id', '2');
    await expect(clock(page, 'first_reply_time')).toHaveAttribute('data-state', 'fulfilled');

    // One click scores the issue; the score reaches the backend under this helpdesk's name.
    await overlay.locator('[data-score="4"]').click();
    await expect.poll(() => currentScores(backend)).toEqual([{ helpdesk: 'generic:redmine', ticket_id: '2', csat: 4 }]);

    // A Redmine upgrade renames the subject's block: the overlay says it cannot read the page, names the part,
    // and the backend hears of it — never a silent stale overlay.
    await page.evaluate(() => {
      for (const subject of document.querySelectorAll('.issue.details .subject')) subject.className = 'subject-v6';
    });
    await expect(overlay).toHaveAttribute('data-state', 'degraded');
    await expect(overlay.locator('.dl-degraded')).toContainText('generic:redmine: subject');
    await expect
      .poll(() => healthReports(backend), { timeout: 20_000 })
      .toContainEqual({ helpdesk: 'generic:redmine', missing: ['subject'] });
    expect(errors).toEqual([]);
  } finally {
    await extension.close();
    await build.dispose();
    await backend.dispose();
    await redmine.close();
  }
});
