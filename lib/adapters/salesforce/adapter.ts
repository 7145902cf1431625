import type { SalesforceCaseRecord } from '../../background/salesforce-case';
import type { HelpdeskSlaTarget, TicketContextInput, TicketStatus } from '../../schema/ticket';
import { insertIntoEditor } from '../editors/insert';
import { onlyOwnMutations } from '../own-mutations';
import { createStatusWatch } from '../status-history';
import type { AdapterSnapshot, HelpdeskAdapter, InsertResult } from '../types';
import {
  salesforceFields as fields,
  type SalesforceField,
  salesforceCaseIdFromUrl,
  salesforcePriority,
  salesforceStatus,
  salesforceSelectors as sel,
} from './selectors';

/** The active workspace's panel: the active workspace tab's `aria-controls` target (S-vb), else the active body. */
export function activeWorkspace(doc: Document): Element | null {
  const tab = doc.querySelector(sel.activeWorkspaceTab);
  const panelId = tab?.getAttribute('aria-controls');
  const byTab = panelId ? doc.getElementById(panelId) : null;
  return byTab ?? doc.querySelector(sel.activeWorkspaceBody);
}

/**
 * querySelector that also looks inside open shadow roots (force-owner-lookup, records-record-layout-base-input
 * render into real ones). Light DOM first: it is cheap and what almost every component uses.
 */
export function deepQuery(root: Element | ShadowRoot, selector: string): Element | null {
  const direct = root.querySelector(selector);
  if (direct) return direct;
  for (const node of root.querySelectorAll('*')) {
    if (node.shadowRoot) {
      const found = deepQuery(node.shadowRoot, selector);
      if (found) return found;
    }
  }
  return null;
}

function firstText(root: Element, selectors: readonly string[]): string | undefined {
  for (const selector of selectors) {
    const text = deepQuery(root, selector)?.textContent?.trim();
    if (text) return text;
  }
  return undefined;
}

/** A field's element in the layout: by API name, else by one of its English labels. */
function layoutItem(panel: Element, field: SalesforceField): Element | null {
  const byApiName = deepQuery(panel, sel.apiField.replace('%s', field.api));
  if (byApiName) return byApiName;
  for (const label of field.labels) {
    const item = deepQuery(panel, sel.layoutItem.replace('%s', label));
    if (item) return item;
  }
  return null;
}

function fieldText(panel: Element, field: SalesforceField): string | undefined {
  const item = layoutItem(panel, field);
  return item ? firstText(item, sel.fieldValue) : undefined;
}

/** Read the case in front of the agent; fields of the detail layout arrive later (staged rendering). */
export function readSalesforce(doc: Document, url: URL): AdapterSnapshot {
  const caseId = salesforceCaseIdFromUrl(url);
  if (!caseId) return { missing: [] };
  const identity = { helpdesk: 'salesforce', ticketId: caseId, url: url.href } as const;
  // Right after a switch the URL may already name the new case while the tab bar still shows the old one:
  // never read the old workspace's fields as the new case's.
  const tabHref = doc.querySelector(sel.activeWorkspaceTab)?.getAttribute('href');
  if (tabHref && !tabHref.includes(caseId)) return { ticket: identity, missing: ['workspace panel'] };
  const panel = activeWorkspace(doc);
  if (!panel) return { ticket: identity, missing: ['workspace panel'] };
  const subject = firstText(panel, sel.subject);
  const emailItem = layoutItem(panel, fields.contactEmail);
  const email = emailItem ? deepQuery(emailItem, sel.email)?.textContent?.trim() : undefined;
  const contactName = fieldText(panel, fields.contactName);
  const account = fieldText(panel, fields.accountName);
  const ticket: TicketContextInput = {
    ...identity,
    subject,
    status: salesforceStatus(fieldText(panel, fields.status)),
    priority: salesforcePriority(fieldText(panel, fields.priority)),
    requester: {
      ...(contactName ? { name: contactName } : {}),
      // A malformed address would fail the background's zod check and drop the whole context.
      ...(email && /^[^\s@]+@[^\s@]+$/.test(email) ? { email } : {}),
    },
    ...(account ? { organization: { name: account } } : {}),
  };
  return { missing: subject ? [] : ['subject'], ticket };
}

/** The CKEditor 4 frame of the Email action: outer iframe → cke_wysiwyg_frame (its body is the editable). */
function emailEditorFrame(panel: Element): HTMLIFrameElement | null {
  const outer = deepQuery(panel, sel.emailOuterFrame) as HTMLIFrameElement | null;
  // A cross-origin (Visualforce) frame has no readable document: null, and we fall through to Chatter.
  return outer?.contentDocument?.querySelector<HTMLIFrameElement>(sel.emailInnerFrame) ?? null;
}

/**
 * Insert into the Email action's CKEditor 4, else the Chatter post's Quill, through the shared editor paths
 * (lib/adapters/editors): both editors build their model from their editable, and the insert is checked to be kept.
 */
export function insertIntoSalesforce(doc: Document): (text: string) => Promise<InsertResult> {
  return async (text) => {
    const panel = activeWorkspace(doc);
    if (!panel) return { inserted: false, failure: 'not-found', detail: 'no active workspace' };
    const email = emailEditorFrame(panel);
    if (email?.contentDocument?.querySelector(sel.emailEditable)) return insertIntoEditor('ckeditor4', email, text);
    const chatter = deepQuery(panel, sel.chatterEditor);
    if (chatter) return insertIntoEditor('quill', chatter, text);
    return {
      inserted: false,
      failure: 'not-found',
      detail: 'reply editor not found (open the Email or Post action)',
    };
  };
}

/** The case's opening instant and milestones from Salesforce's API, read by the background (never throws). */
export type SalesforceCaseSource = (
  pageUrl: string,
  caseId: string,
  caseStatus?: TicketStatus,
) => Promise<SalesforceCaseRecord | undefined>;

const REFRESH_MS = 60_000;

/**
 * Adds what the API knows to the case in front of the agent, asking when nothing is known, again once the
 * answer is a minute old (milestones complete as the case is worked), and at once when the case's status changes
 * (closing completes milestones; reopening starts new occurrences of recurring ones). The background caches and
 * rate-limits.
 */
function caseEnricher(source: SalesforceCaseSource | undefined, onArrival: () => void) {
  const known = new Map<
    string,
    { at: number; status?: TicketStatus; createdAt?: string; helpdeskSla?: HelpdeskSlaTarget[] }
  >();
  const asking = new Set<string>();
  return (snapshot: AdapterSnapshot): AdapterSnapshot => {
    const ticket = snapshot.ticket;
    if (!source || !ticket || snapshot.missing.length > 0) return snapshot;
    const found = known.get(ticket.ticketId);
    const status = ticket.status;
    const stale = !found || Date.now() - found.at > REFRESH_MS || found.status !== status;
    if (stale && !asking.has(ticket.ticketId)) {
      asking.add(ticket.ticketId);
      void source(ticket.url, ticket.ticketId, status)
        .then((record) => {
          const next = record?.available
            ? { at: Date.now(), status, createdAt: record.createdAt, helpdeskSla: record.helpdeskSla }
            : { at: Date.now(), status };
          known.set(ticket.ticketId, next);
          // The adapter emits only when the snapshot changed, so an unchanged answer costs nothing more.
          onArrival();
        })
        .catch(() => undefined)
        .finally(() => asking.delete(ticket.ticketId));
    }
    if (!found?.createdAt && !found?.helpdeskSla) return snapshot;
    return {
      ...snapshot,
      ticket: {
        ...ticket,
        ...(found.createdAt ? { createdAt: found.createdAt } : {}),
        ...(found.helpdeskSla ? { helpdeskSla: found.helpdeskSla } : {}),
      },
    };
  };
}

export function createSalesforceAdapter(win: Window, caseSource?: SalesforceCaseSource): HelpdeskAdapter {
  const insert = insertIntoSalesforce(win.document);
  let reemit: () => void = () => undefined;
  const enrich = caseEnricher(caseSource, () => reemit());
  const statuses = createStatusWatch();
  // Closing and reopening as the page showed it, for DeskLens's own clocks (milestones come from Salesforce).
  const withStatusHistory = (snapshot: AdapterSnapshot): AdapterSnapshot => {
    const ticket = snapshot.ticket;
    if (!ticket || snapshot.missing.length > 0) return snapshot;
    statuses.observe(ticket.ticketId, ticket.status);
    const statusHistory = statuses.history(ticket.ticketId, ticket);
    return statusHistory ? { ...snapshot, ticket: { ...ticket, statusHistory } } : snapshot;
  };
  return {
    helpdesk: 'salesforce',
    observe(signal, onChange) {
      let last = '';
      const emit = () => {
        if (signal.aborted) return;
        try {
          const snapshot = withStatusHistory(enrich(readSalesforce(win.document, new URL(win.location.href))));
          const key = JSON.stringify(snapshot);
          if (key === last) return;
          last = key;
          onChange(snapshot);
        } catch (error) {
          // Never throw into the host page: report the page as unreadable instead.
          console.warn('DeskLens: Salesforce read failed', error);
          onChange({ missing: ['page'] });
        }
      };
      // One observer, scoped to the workspace manager (tab bar + workspace bodies), not the whole document.
      const scope = win.document.querySelector(sel.workspaceManager);
      if (!scope) onChange({ missing: ['workspace manager'] });
      const observer = new MutationObserver((records) => {
        if (!onlyOwnMutations(records)) emit();
      });
      observer.observe(scope ?? win.document.body, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['class', 'aria-selected', 'aria-controls', 'field-label'],
      });
      signal.addEventListener('abort', () => observer.disconnect(), { once: true });
      reemit = emit;
      win.addEventListener('popstate', emit, { signal });
      // pushState fires no event in the isolated world; a 1 s URL check is the floor, mutations do the rest.
      const timer = win.setInterval(emit, 1000);
      signal.addEventListener('abort', () => win.clearInterval(timer), { once: true });
      emit();
    },
    insertReply(text: string): Promise<InsertResult> {
      return insert(text);
    },
    dockAfter() {
      const panel = activeWorkspace(win.document);
      return panel ? deepQuery(panel, sel.highlightsPanel) : null;
    },
  };
}
