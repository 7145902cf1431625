import type { AdapterSnapshot, HelpdeskAdapter, InsertResult } from '../types';
import { zendeskSelectors as sel, zendeskTicketIdFromUrl } from './selectors';

function activePane(doc: Document): Element | null {
  for (const pane of doc.querySelectorAll(sel.activePane)) return pane;
  return null;
}

export function readZendesk(doc: Document, url: URL): AdapterSnapshot {
  const ticketId = zendeskTicketIdFromUrl(url);
  if (!ticketId) return { missing: [] };
  const identity = { helpdesk: 'zendesk', ticketId, url: url.href } as const;
  const pane = activePane(doc);
  // Right after a tab switch the URL is already the new ticket while the old pane is still shown:
  // never read the old pane's fields as the new ticket's.
  if (!pane || pane.getAttribute('data-test-id') !== `ticket-${ticketId}-custom-layout`) {
    return { ticket: identity, missing: ['ticket pane'] };
  }
  const subject = pane.querySelector<HTMLInputElement>(sel.subject);
  return {
    missing: subject ? [] : ['subject'],
    ticket: { ...identity, subject: subject?.value || undefined },
  };
}

export function createZendeskAdapter(win: Window): HelpdeskAdapter {
  return {
    helpdesk: 'zendesk',
    observe(signal, onChange) {
      let last = '';
      const emit = () => {
        const snapshot = readZendesk(win.document, new URL(win.location.href));
        const key = JSON.stringify(snapshot);
        if (key === last) return;
        last = key;
        onChange(snapshot);
      };
      const observer = new MutationObserver(emit);
      const root = win.document.querySelector(sel.panes) ?? win.document.body;
      observer.observe(root, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['class', 'data-is-active', 'value'],
      });
      signal.addEventListener('abort', () => observer.disconnect(), { once: true });
      win.addEventListener('popstate', emit, { signal });
      // pushState fires no event in the isolated world; a 1 s URL check is the floor, mutations do the rest.
      const timer = win.setInterval(emit, 1000);
      signal.addEventListener('abort', () => win.clearInterval(timer), { once: true });
      emit();
    },
    async insertReply(): Promise<InsertResult> {
      return { inserted: false, detail: 'not implemented yet' };
    },
    anchor() {
      return activePane(win.document);
    },
  };
}
