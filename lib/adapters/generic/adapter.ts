import type { GenericAdapterDescription } from '../../schema/adapter';
import { insertIntoEditor } from '../editors/insert';
import { headerBlock } from '../header-block';
import { onlyOwnMutations } from '../own-mutations';
import { createStatusWatch } from '../status-history';
import type { AdapterSnapshot, HelpdeskAdapter, InsertResult } from '../types';
import { activeGenericPane, readGeneric } from './read';

export { activeGenericPane, genericTicketIdFromUrl, readGeneric } from './read';

/** How long a clicked "open the editor" control may take to show it (Redmine's Edit shows it at once). */
const OPEN_WAIT_MS = 1_500;

/** Whether an element is drawn: a hidden anchor must not carry the overlay off-screen. */
function isShown(element: Element | null | undefined): element is Element {
  if (!element?.isConnected) return false;
  const check = (element as Element & { checkVisibility?: (options?: object) => boolean }).checkVisibility;
  const visible = check ? check.call(element, { visibilityProperty: true }) : element.getClientRects().length > 0;
  return visible && element.getClientRects().length > 0;
}

/** The described editor in the active pane, opening it first (a click on the described control) when hidden. */
async function findEditor(description: GenericAdapterDescription, win: Window): Promise<Element | null> {
  const editor = description.editor;
  if (!editor) return null;
  const pane = activeGenericPane(description, win.document);
  const current = pane?.querySelector(editor.selector) ?? null;
  if (!editor.open || isShown(current)) return current;
  const open = pane?.querySelector<HTMLElement>(editor.open);
  if (!open) return current;
  open.click();
  for (let waited = 0; waited < OPEN_WAIT_MS; waited += 50) {
    const found = activeGenericPane(description, win.document)?.querySelector(editor.selector) ?? null;
    if (isShown(found)) return found;
    await new Promise((next) => setTimeout(next, 50));
  }
  return activeGenericPane(description, win.document)?.querySelector(editor.selector) ?? null;
}

export function createGenericAdapter(description: GenericAdapterDescription, win: Window): HelpdeskAdapter {
  /** Set by docking when the described anchor is hidden; reported with the snapshots. */
  let dockProblem: string | undefined;
  let reemit: () => void = () => undefined;

  const statuses = createStatusWatch();
  /**
   * The ticket's status history: the page's own when the description reads it (`conversation.statusChange`), else
   * the statuses the page showed while it was open (a solve and a reopen seen in a single-page helpdesk).
   */
  function withStatusHistory(snapshot: AdapterSnapshot): AdapterSnapshot {
    const ticket = snapshot.ticket;
    if (!ticket || snapshot.missing.length > 0) return snapshot;
    statuses.observe(ticket.ticketId, ticket.status);
    if (description.conversation?.statusChange) return snapshot;
    const history = statuses.history(ticket.ticketId, { createdAt: ticket.createdAt, comments: ticket.comments });
    return history ? { ...snapshot, ticket: { ...ticket, statusHistory: history } } : snapshot;
  }

  function withDockProblem(snapshot: AdapterSnapshot): AdapterSnapshot {
    if (!dockProblem || !snapshot.ticket || snapshot.missing.length > 0) return snapshot;
    return { ...snapshot, problems: [...(snapshot.problems ?? []), dockProblem] };
  }

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
          const snapshot = withDockProblem(
            withStatusHistory(readGeneric(description, win.document, new URL(win.location.href))),
          );
          const key = JSON.stringify(snapshot);
          if (key === last) return;
          last = key;
          onChange(snapshot);
        } catch (error) {
          // Never throw into the host page: report the page as unreadable instead.
          console.warn(`DeskLens: generic adapter ${description.id} failed to read the page`, error);
          onChange({ missing: ['page'] });
        }
      };
      reemit = emit;
      signal.addEventListener('abort', () => observer.disconnect(), { once: true });
      win.addEventListener('popstate', emit, { signal });
      win.addEventListener('hashchange', emit, { signal });
      // pushState is invisible from the isolated world; 1 s is the floor for URL checks.
      const timer = win.setInterval(emit, 1000);
      signal.addEventListener('abort', () => win.clearInterval(timer), { once: true });
      emit();
    },
    async insertReply(text: string): Promise<InsertResult> {
      if (!description.editor) {
        return { inserted: false, failure: 'not-found', detail: 'no reply editor in the description' };
      }
      return insertIntoEditor(description.editor.kind, await findEditor(description, win), text);
    },
    dockAfter() {
      const pane = activeGenericPane(description, win.document);
      if (!pane) return null;
      let problem: string | undefined;
      let anchor: Element | null = null;
      if (description.dock) {
        const dock = pane.querySelector(description.dock);
        if (isShown(dock)) anchor = dock;
        else problem = dock ? 'dock: the anchor is hidden' : 'dock: no element matches';
      }
      if (!anchor) {
        // The subject's header block when it is on screen; else the corner (null), never an off-screen dock.
        const subject = pane.querySelector(description.fields.subject.selector);
        const editor = description.editor ? pane.querySelector(description.editor.selector) : null;
        const header = subject ? headerBlock(subject, pane, editor) : null;
        if (isShown(header)) anchor = header;
        else if (subject) problem ??= 'dock: the subject is hidden, docked in the corner (describe a dock)';
      }
      if (problem !== dockProblem) {
        dockProblem = problem;
        // Called from the docking frame, not from a snapshot: tell the overlay on the next task.
        setTimeout(() => reemit(), 0);
      }
      return anchor;
    },
  };
}
