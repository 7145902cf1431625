import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterSnapshot } from '../types';
import { createZendeskAdapter } from './adapter';

/**
 * The Zendesk adapter over a page whose labels it may not read (an agent working in a language it has no table for):
 * what the page shows wins, and what it cannot read comes from Zendesk's REST answer, by the API's own names.
 */
function agentWorkspace(statusLabel: string, priority: string) {
  const { window } = parseHTML(
    `<html><body><main id="main_panes"><div class="ticket-panes-grid-layout active" data-test-id="ticket-7-custom-layout">` +
      `<input data-test-id="omni-header-subject" value="Ticket seven">${statusLabel}` +
      `<div data-test-id="ticket-fields-priority-select"><div data-garden-id="dropdowns.combobox.value">${priority}</div></div>` +
      `</div></main></body></html>`,
  );
  const rest = JSON.stringify({ ticket: { id: 7, status: 'hold', priority: 'urgent', requester_id: 1 }, users: [] });
  return Object.assign(window, {
    location: { href: 'https://acme.zendesk.com/agent/tickets/7' },
    fetch: async (url: string) =>
      new Response(url.includes('/tickets/7.json') ? rest : JSON.stringify({ comments: [], audits: [] })),
  }) as unknown as Window;
}

const realObserver = globalThis.MutationObserver;
afterEach(() => {
  globalThis.MutationObserver = realObserver;
});

async function settled(win: Window): Promise<AdapterSnapshot> {
  // The adapter's one observer is the page's own kind.
  globalThis.MutationObserver = (win as unknown as { MutationObserver: typeof MutationObserver }).MutationObserver;
  const seen: AdapterSnapshot[] = [];
  const stop = new AbortController();
  createZendeskAdapter(win).observe(stop.signal, (snapshot) => seen.push(snapshot));
  // The first read asks REST; its answer is read into the next snapshot.
  await expect.poll(() => seen.length, { timeout: 2000 }).toBeGreaterThan(1);
  stop.abort();
  return seen.at(-1) as AdapterSnapshot;
}

describe('Zendesk status and priority in any UI language', () => {
  it('takes them from REST when the page’s labels cannot be read', async () => {
    const snapshot = await settled(
      agentWorkspace(
        '<span data-test-id="tabs-section-nav-item-ticket"><span class="ticket_status_label">Ξ</span> #7</span>',
        'Περίπου',
      ),
    );
    expect(snapshot.ticket).toMatchObject({ status: 'hold', priority: 'urgent' });
  });

  it('keeps what the page shows when it can be read: the page is live, REST up to a minute old', async () => {
    const snapshot = await settled(
      agentWorkspace(
        '<span data-test-id="tabs-section-nav-item-ticket"><span class="ticket_status_label solved">已解决</span> #7</span>',
        '低',
      ),
    );
    expect(snapshot.ticket).toMatchObject({ status: 'solved', priority: 'low' });
  });
});

describe('Zendesk with more than one #main_panes (its 2026 UI)', () => {
  it('watches the one holding the grid on screen, so a change there is read when it happens', async () => {
    const { window } = parseHTML(
      `<html><body><main id="main_panes"></main><main id="main_panes"><div class="workspace"><div class="ticket">` +
        `<span data-test-id="tabs-section-nav-item-ticket"><span class="ticket_status_label open">x</span> #7</span>` +
        `<div class="ticket-panes-grid-layout active" data-test-id="ticket-7-custom-layout">` +
        `<input data-test-id="omni-header-subject" value="Ticket seven"></div></div></div></main></body></html>`,
    );
    const win = Object.assign(window, {
      location: { href: 'https://acme.zendesk.com/agent/tickets/7' },
      fetch: async () => new Response('', { status: 404 }),
      // No once-a-second floor: only the observer can see the change below.
      setInterval: () => 0,
      clearInterval: () => undefined,
    }) as unknown as Window;
    globalThis.MutationObserver = (win as unknown as { MutationObserver: typeof MutationObserver }).MutationObserver;
    const seen: AdapterSnapshot[] = [];
    const stop = new AbortController();
    createZendeskAdapter(win).observe(stop.signal, (snapshot) => seen.push(snapshot));
    await expect.poll(() => seen.at(-1)?.ticket?.status).toBe('open');
    win.document.querySelector('.ticket_status_label')?.setAttribute('class', 'ticket_status_label pending');
    await expect.poll(() => seen.at(-1)?.ticket?.status, { timeout: 2000 }).toBe('pending');
    stop.abort();
  });
});
