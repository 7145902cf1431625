import type { AdapterSnapshot, HelpdeskAdapter, InsertResult } from '../types';
import { salesforceCaseIdFromUrl, salesforceSelectors as sel } from './selectors';

function activePanel(doc: Document): Element | null {
  const tab = doc.querySelector(sel.activeWorkspaceTab);
  const panelId = tab?.getAttribute('aria-controls');
  return panelId ? doc.getElementById(panelId) : null;
}

export function readSalesforce(doc: Document, url: URL): AdapterSnapshot {
  const caseId = salesforceCaseIdFromUrl(url);
  if (!caseId) return { missing: [] };
  const identity = { helpdesk: 'salesforce', ticketId: caseId, url: url.href } as const;
  const panel = activePanel(doc);
  if (!panel) return { ticket: identity, missing: ['workspace panel'] };
  const subject = panel.querySelector(sel.subject)?.textContent?.trim();
  return { missing: subject ? [] : ['subject'], ticket: { ...identity, subject: subject || undefined } };
}

export function createSalesforceAdapter(win: Window): HelpdeskAdapter {
  return {
    helpdesk: 'salesforce',
    observe(signal, onChange) {
      let last = '';
      const emit = () => {
        const snapshot = readSalesforce(win.document, new URL(win.location.href));
        const key = JSON.stringify(snapshot);
        if (key === last) return;
        last = key;
        onChange(snapshot);
      };
      const observer = new MutationObserver(emit);
      observer.observe(win.document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['class'],
      });
      signal.addEventListener('abort', () => observer.disconnect(), { once: true });
      win.addEventListener('popstate', emit, { signal });
      const timer = win.setInterval(emit, 1000);
      signal.addEventListener('abort', () => win.clearInterval(timer), { once: true });
      emit();
    },
    async insertReply(): Promise<InsertResult> {
      return { inserted: false, detail: 'not implemented yet' };
    },
    anchor() {
      return activePanel(win.document);
    },
  };
}
