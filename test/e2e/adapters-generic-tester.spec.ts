import { readFileSync } from 'node:fs';
import type { DescriptionTestReport } from '../../lib/adapters/generic/tester';
import { parseGenericAdapter } from '../../lib/schema/adapter';
import { pageBundle } from '../harness/bundle';
import { editorHost } from '../harness/fixture-server';
import { expect, test } from './fixtures';

/**
 * The admin's tester (lib/adapters/generic/tester.ts), a pure function the console calls with a page's HTML and a
 * description, run in Chromium's own DOMParser on the HTML of a real described page: what each selector and
 * extraction finds, and the snapshot the overlay would get. (The Redmine e2e runs it on a live Redmine page.)
 */
const bundle = pageBundle('lib/adapters/generic/tester.ts', 'DeskLensTester');

const example = JSON.parse(readFileSync('docs/adapters/editors/textarea.json', 'utf8')) as Record<string, unknown> & {
  fields: Record<string, unknown>;
  activeTicket: Record<string, unknown>;
};
function parsed(description: unknown) {
  const result = parseGenericAdapter(description);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.description;
}

test('the tester reports what each selector and extraction finds on a saved page', async ({
  extension,
  fixtureServer,
}) => {
  const helpdesk = await extension.context.newPage();
  const url = `${fixtureServer.origin(editorHost('textarea'))}/tickets/501`;
  await helpdesk.goto(url);
  await helpdesk.evaluate(() => (window as unknown as { __ready: Promise<string> }).__ready);
  // The page as the admin saves it from the browser (its scripts already ran).
  const html = await helpdesk.content();
  const tester = await extension.context.newPage();
  await tester.setContent('<!doctype html><title>tester</title>');
  await tester.addScriptTag({ content: bundle });
  const run = (description: unknown, pageUrl = url) =>
    tester.evaluate(
      ([d, h, u]) =>
        (
          window as unknown as {
            DeskLensTester: {
              testGenericDescription(d: unknown, p: { html: string; url: string }): DescriptionTestReport;
            };
          }
        ).DeskLensTester.testGenericDescription(d, { html: h, url: u }),
      [description, html, pageUrl] as const,
    );

  const good = await run(parsed(example));
  expect(good.ticketId).toBe('501');
  expect(good.findings.filter((finding) => !finding.ok)).toEqual([]);
  expect(good.findings).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ path: 'activeTicket.pane', matched: 1, value: '501', ok: true }),
      expect.objectContaining({
        path: 'fields.subject',
        raw: '[Acme] #501: Refund not received',
        value: 'Refund not received',
        ok: true,
      }),
      expect.objectContaining({ path: 'fields.requesterEmail', value: 'mary@example.com', ok: true }),
      expect.objectContaining({ path: 'fields.createdAt', value: '2026-11-30T08:00:00.000Z', ok: true }),
      expect.objectContaining({ path: 'conversation.item', matched: 2, ok: true }),
      expect.objectContaining({ path: 'conversation.internal', matched: 1, ok: true }),
      expect.objectContaining({ path: 'editor.selector', matched: 1, ok: true }),
    ]),
  );
  expect(good.conversation).toEqual({ items: 2, messages: 1, statusChanges: 0 });
  expect(good.snapshot).toMatchObject({
    missing: [],
    ticket: {
      ticketId: '501',
      status: 'hold',
      requester: { name: 'Mary Jackson', email: 'mary@example.com' },
      comments: [{ authorRole: 'customer', authorName: 'Mary Jackson', at: '2026-11-30T08:00:00.000Z' }],
    },
  });

  const broken = await run(
    parsed({
      ...example,
      fields: {
        ...example.fields,
        subject: 'h1.title',
        requesterEmail: { selector: '.requester', pattern: '\\[(\\S+@\\S+)\\]' },
        createdAt: { selector: 'time.created', format: 'DD.MM.YYYY HH:mm' },
      },
      statusMap: {},
      editor: { kind: 'tinymce', selector: 'iframe.tox-edit-area__iframe' },
    }),
  );
  const problems = Object.fromEntries(
    broken.findings.filter((finding) => !finding.ok).map((finding) => [finding.path, finding.problem]),
  );
  expect(problems).toEqual({
    'fields.subject': 'no element matches',
    'fields.requesterEmail': 'the pattern did not match the value',
    'fields.createdAt': '"30 Nov 2026" is not a date in "DD.MM.YYYY HH:mm"',
    'fields.status': '"Stalled" is in no status map',
    'editor.selector': 'no element matches inside the pane',
  });
  expect(broken.snapshot.missing).toEqual(['subject']);

  // A pane whose id is another ticket's, and a URL that names no ticket.
  const stale = await run(parsed(example), url.replace('/tickets/501', '/tickets/777'));
  expect(stale.findings.find((finding) => finding.path === 'activeTicket.pane')).toMatchObject({
    ok: false,
    problem: 'data-ticket-id is "501", not the URL\'s ticket 777',
  });
  expect(stale.snapshot.missing).toEqual(['ticket pane']);
  const elsewhere = await run(parsed(example), url.replace('/tickets/501', '/reports'));
  expect(elsewhere).toMatchObject({
    findings: [{ path: 'ticketUrl', ok: false, problem: 'no ticket id in /reports' }],
    snapshot: { missing: [] },
  });
});
