import { readFileSync } from 'node:fs';
import { type GenericAdapterDescription, parseGenericAdapter } from '../../lib/schema/adapter';
import { pageBundle } from '../harness/bundle';
import { FIXTURE_HOSTS } from '../harness/hosts';
import { expect, test } from './fixtures';

/**
 * A generic adapter defined only by its JSON description, run in Chromium on its fixture page. The adapter
 * bundle is loaded into the page directly: granting an optional host permission needs a user's click on
 * Chrome's prompt, which automation cannot give, so the run-time registration is covered by unit tests.
 */
/** As the content script gets it: parsed by the background (bare selectors become field objects). */
function parsed(file: string): GenericAdapterDescription {
  const result = parseGenericAdapter(JSON.parse(readFileSync(file, 'utf8')));
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.description;
}
const description = parsed('docs/adapters/freshdesk-like.json');
const bundle = pageBundle('lib/adapters/generic/adapter.ts', 'DeskLensGeneric');

type Snapshot = {
  ticket?: {
    ticketId: string;
    subject?: string;
    requester: { name?: string; email?: string };
    statusHistory?: { status: string; at: string }[];
    comments?: { authorRole: string; at: string }[];
    latestCustomerMessage?: string;
  };
  missing: string[];
};
declare global {
  interface Window {
    __snapshots: Snapshot[];
    __adapter: { insertReply(text: string): Promise<{ inserted: boolean; detail: string; failure?: string }> };
    __fixture: { navigate(id: string): void; models: Record<string, { text: string }> };
    DeskLensGeneric: {
      createGenericAdapter(
        d: unknown,
        w: Window,
      ): Window['__adapter'] & {
        observe(s: AbortSignal, cb: (snapshot: Snapshot) => void): void;
      };
    };
  }
}

test('the Freshdesk-like adapter described in docs/adapters reads the ticket in front of the agent and inserts', async ({
  extension,
  fixtureServer,
}) => {
  const page = await extension.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${fixtureServer.origin(FIXTURE_HOSTS.generic)}/a/tickets/41`);
  await page.addScriptTag({ content: bundle });
  await page.evaluate((d) => {
    window.__snapshots = [];
    const adapter = window.DeskLensGeneric.createGenericAdapter(d, window);
    window.__adapter = adapter;
    adapter.observe(new AbortController().signal, (snapshot) => window.__snapshots.push(snapshot));
  }, description);
  const latest = () => page.evaluate(() => window.__snapshots.at(-1));
  await expect.poll(latest).toMatchObject({
    missing: [],
    ticket: {
      ticketId: '41',
      subject: 'Order arrived damaged',
      requester: { name: 'Mary Jackson', email: 'mary@example.com' },
    },
  });
  // Fast switches: 42 then 43 before 42's pane was shown.
  await page.evaluate(() => {
    window.__fixture.navigate('42');
    window.__fixture.navigate('43');
  });
  await expect
    .poll(latest)
    .toMatchObject({ missing: [], ticket: { ticketId: '43', subject: 'Cancel my subscription' } });
  // No snapshot ever paired 43's id with another ticket's subject.
  const mixed = await page.evaluate(() =>
    window.__snapshots.filter(
      (s) => s.ticket?.ticketId === '43' && s.ticket.subject && s.ticket.subject !== 'Cancel my subscription',
    ),
  );
  expect(mixed).toEqual([]);
  await page.goBack();
  await expect.poll(latest).toMatchObject({ missing: [], ticket: { ticketId: '42', requester: { name: '张伟' } } });
  await page.goBack();
  await expect
    .poll(latest)
    .toMatchObject({ missing: [], ticket: { ticketId: '41', subject: 'Order arrived damaged' } });

  const result = await page.evaluate(async () => {
    const { inserted, detail } = await window.__adapter.insertReply('Thanks, Mary — a replacement is on its way.');
    return { inserted, detail };
  });
  expect(result).toEqual({ inserted: true, detail: 'contenteditable' });
  await expect
    .poll(() => page.evaluate(() => window.__fixture.models['41']?.text))
    .toBe('Thanks, Mary — a replacement is on its way.');

  // An editor that takes the text and throws it away again (an app re-rendering from a model that ignored it): the
  // check after the insert says so instead of reporting success.
  const discarded = await page.evaluate(async () => {
    const editable = document.querySelector<HTMLElement>(
      '.ticket-details[data-active="true"] .reply-editor [contenteditable="true"]',
    );
    const kept = editable?.innerHTML ?? '';
    editable?.addEventListener('input', () => {
      editable.innerHTML = kept;
    });
    const { inserted, failure, detail } = await window.__adapter.insertReply('Sent to the void.');
    return { inserted, failure, detail };
  });
  expect(discarded).toEqual({
    inserted: false,
    failure: 'not-kept',
    detail: 'the contenteditable editor did not keep the text',
  });

  // Renaming the subject degrades loudly, without a page error.
  await page.evaluate(() => {
    for (const h of document.querySelectorAll('.ticket-subject-heading')) h.className = 'subject-v2';
  });
  await expect.poll(latest).toMatchObject({ missing: ['subject'] });
  expect(errors).toEqual([]);
});

test('the Zammad-like adapter described in docs/adapters follows hash routes', async ({ extension, fixtureServer }) => {
  const zammad = parsed('docs/adapters/zammad-like.json');
  const page = await extension.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${fixtureServer.origin(FIXTURE_HOSTS.genericZammad)}/#ticket/zoom/7`);
  await page.addScriptTag({ content: bundle });
  await page.evaluate((d) => {
    window.__snapshots = [];
    const adapter = window.DeskLensGeneric.createGenericAdapter(d, window);
    adapter.observe(new AbortController().signal, (snapshot) => window.__snapshots.push(snapshot));
  }, zammad);
  const latest = () => page.evaluate(() => window.__snapshots.at(-1));
  await expect.poll(latest).toMatchObject({
    missing: [],
    ticket: { ticketId: '7', subject: 'VPN drops every hour', status: 'open', priority: 'high' },
  });
  await page.evaluate(() => {
    location.hash = '#ticket/zoom/8';
  });
  await expect.poll(latest).toMatchObject({
    missing: [],
    ticket: { ticketId: '8', subject: '打印机无法连接', status: 'pending', requester: { name: '陈静' } },
  });
  // The agent solves the ticket and the customer's answer reopens it, in the page: without a described status
  // history, the statuses the page showed become the ticket's history for the SLA clocks.
  const setState = (label: string) =>
    page.evaluate((text) => {
      const option = document.querySelector('.content.active [name="state_id"] option');
      if (option) option.textContent = text;
    }, label);
  await setState('closed');
  await expect.poll(latest).toMatchObject({ ticket: { ticketId: '8', status: 'closed' } });
  await setState('open');
  await expect
    .poll(async () => (await latest())?.ticket?.statusHistory?.map((change) => change.status))
    .toEqual(['pending', 'closed', 'open']);
  expect(errors).toEqual([]);
});

test('a message shown in a frame of its own (Znuny, OTRS rich text) is read from the frame, same-origin only', async ({
  extension,
}) => {
  const origin = 'https://znuny.acme-desk.test';
  const article = (id: number, from: string, at: string, frame: string) =>
    `<div class="WidgetSimple" id="Article${id}"><span class="From">${from}</span><time datetime="${at}"></time>${frame}</div>`;
  const html =
    `<html><body><div id="MainBox"><div class="TicketZoom"><h1 class="Headline">Printer offline</h1>` +
    `<span class="Customer">Ana Souza</span>` +
    article(
      1,
      'Ana Souza',
      '2026-11-30T08:00:00Z',
      `<iframe class="ArticleMailContent" src="${origin}/article/1"></iframe>`,
    ) +
    article(
      2,
      'Agent Kim',
      '2026-11-30T08:30:00Z',
      `<iframe class="ArticleMailContent" src="${origin}/article/2"></iframe>`,
    ) +
    article(
      3,
      'Ana Souza',
      '2026-11-30T09:00:00Z',
      `<iframe class="ArticleMailContent" src="${origin}/article/3"></iframe>`,
    ) +
    `</div></div></body></html>`;
  const bodies: Record<string, string> = {
    '1': '<p>The office printer shows offline.</p>',
    '2': '<p>Please restart it.</p>',
    '3': '<p>Restarted, it is <b>still offline</b> and the queue is stuck.</p>',
  };
  const page = await extension.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route(`${origin}/**`, (route) => {
    const id = /\/article\/(\d+)$/.exec(route.request().url())?.[1];
    return route.fulfill({ contentType: 'text/html', body: id ? `<html><body>${bodies[id]}</body></html>` : html });
  });
  await page.goto(`${origin}/otrs/index.pl?Action=AgentTicketZoom;TicketID=88`);
  await page.addScriptTag({ content: bundle });
  const description = parseGenericAdapter({
    id: 'znuny',
    name: 'Znuny',
    matches: [`${origin}/*`],
    ticketUrl: '[?;&]TicketID=(\\d+)',
    activeTicket: { container: '#MainBox', pane: '.TicketZoom' },
    fields: { subject: 'h1.Headline', requesterName: '.Customer' },
    conversation: {
      item: '.WidgetSimple',
      time: { selector: 'time', attribute: 'datetime' },
      author: '.From',
      role: { from: 'requester' },
      text: 'iframe.ArticleMailContent',
    },
  });
  if (!description.ok) throw new Error(description.errors.join('\n'));
  await page.evaluate((d) => {
    window.__snapshots = [];
    window.DeskLensGeneric.createGenericAdapter(d, window).observe(new AbortController().signal, (s) =>
      window.__snapshots.push(s),
    );
  }, description.description);
  const latest = () => page.evaluate(() => window.__snapshots.at(-1));
  await expect
    .poll(async () => (await latest())?.ticket)
    .toMatchObject({
      ticketId: '88',
      latestCustomerMessage: 'Restarted, it is still offline and the queue is stuck.',
    });
  expect((await latest())?.ticket?.comments?.map((c) => c.authorRole)).toEqual(['customer', 'agent', 'customer']);
  // A frame from another origin cannot be read: it gives no text, and nothing is thrown into the page.
  await page.evaluate(() => {
    const frame = document.querySelector<HTMLIFrameElement>('#Article3 iframe');
    if (frame) frame.src = 'https://elsewhere.example/article';
  });
  await page.route('https://elsewhere.example/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<p>from elsewhere</p>' }),
  );
  await expect
    .poll(async () => (await latest())?.ticket?.latestCustomerMessage)
    .toBe('The office printer shows offline.');
  expect(errors).toEqual([]);
});
