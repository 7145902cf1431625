import type { HelpdeskAdapter, InsertResult } from '../types';
import { insertIntoZendesk } from './insert';
import { activePane, readZendesk } from './read';
import { zendeskSelectors as sel } from './selectors';

export { readZendesk } from './read';

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
        attributeFilter: ['class', 'data-is-active', 'value', 'style'],
      });
      signal.addEventListener('abort', () => observer.disconnect(), { once: true });
      win.addEventListener('popstate', emit, { signal });
      // pushState fires no event in the isolated world; a 1 s URL check is the floor, mutations do the rest.
      const timer = win.setInterval(emit, 1000);
      signal.addEventListener('abort', () => win.clearInterval(timer), { once: true });
      emit();
    },
    async insertReply(text: string): Promise<InsertResult> {
      return insertIntoZendesk(win.document, text);
    },
    anchor() {
      return activePane(win.document);
    },
  };
}
