import type { GenericAdapterDescription } from '../../schema/adapter';
import type { TicketContextInput, TicketPriority, TicketStatus } from '../../schema/ticket';
import { headerBlock } from '../header-block';
import { onlyOwnMutations } from '../own-mutations';
import type { AdapterSnapshot, HelpdeskAdapter, InsertResult } from '../types';

/**
 * An adapter built from an admin's description (lib/schema/adapter.ts, validated in the background). Type-only
 * import of the schema: no zod in the content script.
 */
const STATUSES: Record<string, TicketStatus> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  'pending reminder': 'pending',
  'pending close': 'pending',
  waiting: 'pending',
  hold: 'hold',
  'on hold': 'hold',
  solved: 'solved',
  resolved: 'solved',
  closed: 'closed',
  merged: 'closed',
};

function mapPriority(label: string | undefined): TicketPriority | undefined {
  const value = label?.toLowerCase() ?? '';
  if (/urgent|critical|^4/.test(value)) return 'urgent';
  if (/high|^3/.test(value)) return 'high';
  if (/medium|normal|^2/.test(value)) return 'normal';
  if (/low|^1/.test(value)) return 'low';
  return undefined;
}

/** Pure page detection: the ticket id in a URL, by the description's `ticketUrl`. */
export function genericTicketIdFromUrl(description: GenericAdapterDescription, url: URL): string | undefined {
  return new RegExp(description.ticketUrl).exec(`${url.pathname}${url.search}${url.hash}`)?.[1];
}

export function activeGenericPane(description: GenericAdapterDescription, doc: Document): Element | null {
  const container = doc.querySelector(description.activeTicket.container);
  return container?.querySelector(description.activeTicket.pane) ?? null;
}

export function readGeneric(description: GenericAdapterDescription, doc: Document, url: URL): AdapterSnapshot {
  const ticketId = genericTicketIdFromUrl(description, url);
  if (!ticketId) return { missing: [] };
  const identity = { helpdesk: `generic:${description.id}`, ticketId, url: url.href } as const;
  if (!doc.querySelector(description.activeTicket.container)) return { ticket: identity, missing: ['container'] };
  const pane = activeGenericPane(description, doc);
  const idAttribute = description.activeTicket.idAttribute;
  if (!pane || (idAttribute && pane.getAttribute(idAttribute) !== ticketId)) {
    return { ticket: identity, missing: ['ticket pane'] };
  }
  const fields = description.fields;
  const text = (selector: string | undefined) => {
    if (!selector) return undefined;
    const node = pane.querySelector(selector);
    const value = node instanceof HTMLInputElement ? node.value : node?.textContent;
    return value?.trim() || undefined;
  };
  const subject = text(fields.subject);
  const email = text(fields.requesterEmail);
  const organization = text(fields.organization);
  const name = text(fields.requesterName);
  const tags = fields.tags
    ? [...pane.querySelectorAll(fields.tags)].map((tag) => tag.textContent?.trim() ?? '').filter(Boolean)
    : [];
  const ticket: TicketContextInput = {
    ...identity,
    subject: subject?.slice(0, 1000),
    status: STATUSES[text(fields.status)?.toLowerCase() ?? ''],
    priority: mapPriority(text(fields.priority)),
    requester: {
      ...(name ? { name: name.slice(0, 200) } : {}),
      ...(email && /^[^\s@]+@[^\s@]+$/.test(email) ? { email } : {}),
    },
    ...(organization ? { organization: { name: organization.slice(0, 200) } } : {}),
    tags: tags.slice(0, 200).map((tag) => tag.slice(0, 100)),
  };
  return { missing: subject ? [] : ['subject'], ticket };
}

export function createGenericAdapter(description: GenericAdapterDescription, win: Window): HelpdeskAdapter {
  return {
    helpdesk: `generic:${description.id}`,
    observe(signal, onChange) {
      let last = '';
      let observed: Element | null = null;
      const observer = new MutationObserver((records) => {
        if (!onlyOwnMutations(records)) emit();
      });
      // The container can arrive after the script (SPA shells): attach the one observer once it exists.
      const attach = () => {
        const container = win.document.querySelector(description.activeTicket.container);
        if (!container || container === observed) return;
        observer.disconnect();
        observed = container;
        observer.observe(container, { subtree: true, childList: true, characterData: true, attributes: true });
      };
      const emit = () => {
        if (signal.aborted) return;
        try {
          attach();
          const snapshot = readGeneric(description, win.document, new URL(win.location.href));
          const key = JSON.stringify(snapshot);
          if (key === last) return;
          last = key;
          onChange(snapshot);
        } catch (error) {
          console.warn(`DeskLens: generic adapter ${description.id} failed to read the page`, error);
          onChange({ missing: ['page'] });
        }
      };
      signal.addEventListener('abort', () => observer.disconnect(), { once: true });
      win.addEventListener('popstate', emit, { signal });
      win.addEventListener('hashchange', emit, { signal });
      // pushState is invisible from the isolated world; 1 s is the floor for URL checks.
      const timer = win.setInterval(emit, 1000);
      signal.addEventListener('abort', () => win.clearInterval(timer), { once: true });
      emit();
    },
    async insertReply(text: string): Promise<InsertResult> {
      const pane = activeGenericPane(description, win.document);
      const editor = description.editor ? pane?.querySelector<HTMLElement>(description.editor) : null;
      if (!editor) return { inserted: false, detail: 'reply editor not found' };
      if (editor instanceof HTMLTextAreaElement || editor instanceof HTMLInputElement) {
        editor.focus();
        editor.setRangeText(text, editor.value.length, editor.value.length, 'end');
        // Frameworks (React, Vue, Ember) sync their model from input events.
        editor.dispatchEvent(new Event('input', { bubbles: true }));
        return { inserted: true, detail: 'textarea' };
      }
      editor.focus();
      const selection = win.document.getSelection();
      if (selection) {
        const range = win.document.createRange();
        range.selectNodeContents(editor);
        range.collapse(false);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      return win.document.execCommand('insertText', false, text)
        ? { inserted: true, detail: 'contenteditable' }
        : { inserted: false, detail: 'the editor refused the text' };
    },
    dockAfter() {
      const pane = activeGenericPane(description, win.document);
      const subject = pane?.querySelector(description.fields.subject);
      if (!pane || !subject) return null;
      return headerBlock(subject, pane, description.editor ? pane.querySelector(description.editor) : null);
    },
  };
}
