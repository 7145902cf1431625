import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { readZendesk } from './read';

/** A workspace per open tab, each with its grid; `cached` as Zendesk's 2026 UI keeps a tab not in front. */
const workspace = (id: string, subject: string, options: { cached?: boolean; active?: boolean } = {}) =>
  `<div class="workspace${options.cached ? ' is-cached' : ''}"><div class="ticket">` +
  `<nav aria-label="Ticket page location"><span data-test-id="tabs-nav-item-organizations">Org ${id}</span>` +
  `<span data-test-id="tabs-section-nav-item-ticket"><span class="ticket_status_label ${options.cached ? 'solved' : 'open'}">x</span> #${id}</span></nav>` +
  `<div class="ticket-panes-grid-layout${options.active === false ? '' : ' active'}" data-test-id="ticket-${id}-custom-layout">` +
  `<input data-test-id="omni-header-subject" value="${subject}"></div></div></div>`;
const doc = (html: string) => parseHTML(`<html><body><main id="main_panes">${html}</main></body></html>`).document;
const at = (id: string) => new URL(`https://acme.zendesk.com/agent/tickets/${id}`);

describe('the ticket in front of the agent, among the workspaces Zendesk keeps', () => {
  it('reads the URL’s ticket even when a cached workspace’s grid is still marked active, with its own breadcrumb', () => {
    const page = doc(workspace('11', 'Cached one', { cached: true }) + workspace('12', 'In front'));
    expect(readZendesk(page as unknown as Document, at('12'))).toMatchObject({
      missing: [],
      ticket: { ticketId: '12', subject: 'In front', status: 'open', organization: { name: 'Org 12' } },
    });
  });

  it('never reads another ticket’s grid as the URL’s: before its grid exists, the pane is missing', () => {
    const page = doc(workspace('11', 'Old one'));
    const read = readZendesk(page as unknown as Document, at('12'));
    expect(read.missing).toEqual(['ticket pane']);
    expect(read.ticket?.subject).toBeUndefined();
  });

  it('does not take a breadcrumb from a wrapper that holds other tickets too', () => {
    const shared =
      `<div class="ticket"><span data-test-id="tabs-section-nav-item-ticket"><span class="ticket_status_label closed">x</span></span>` +
      `<div class="ticket-panes-grid-layout active" data-test-id="ticket-12-custom-layout"><input data-test-id="omni-header-subject" value="Mine"></div>` +
      `<div class="ticket-panes-grid-layout" data-test-id="ticket-13-custom-layout"></div></div>`;
    const read = readZendesk(doc(shared) as unknown as Document, at('12'));
    expect(read.ticket).toMatchObject({ subject: 'Mine' });
    expect(read.ticket?.status).toBeUndefined();
  });
});
