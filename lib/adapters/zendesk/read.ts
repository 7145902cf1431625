import type { TicketContextInput, TicketPriority, TicketStatus } from '../../schema/ticket';
import { chinesePriority, chineseStatus } from '../labels';
import type { AdapterSnapshot } from '../types';
import { zendeskSelectors as sel, zendeskTicketIdFromUrl } from './selectors';

const PRIORITIES: Record<string, TicketPriority> = { low: 'low', normal: 'normal', high: 'high', urgent: 'urgent' };
const STATUSES: Record<string, TicketStatus> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  hold: 'hold',
  'on-hold': 'hold',
  solved: 'solved',
  closed: 'closed',
};

/**
 * The status label's own class names the status in any UI language (`ticket_status_label open`, evidenced by
 * Z-sfa, Z-hefesto, Z-lfr); its text, upper-cased and translated, is the fallback.
 */
function readStatus(tab: Element): TicketStatus | undefined {
  const label = tab.querySelector(sel.statusLabel);
  if (!label) return undefined;
  for (const name of label.classList) {
    const status = STATUSES[name.toLowerCase()];
    if (status) return status;
  }
  const text = label.textContent?.trim() ?? '';
  return STATUSES[text.toLowerCase()] ?? chineseStatus(text);
}

function readPriority(pane: Element): TicketPriority | undefined {
  const label = text(pane, sel.priority) ?? '';
  return PRIORITIES[label.toLowerCase()] ?? chinesePriority(label);
}

/**
 * Where the ticket's breadcrumb is looked for: its tab (the grid and the header above it), when that tab holds this
 * ticket's grid alone; else the grid itself, never a wrapper that also holds other tickets.
 */
function ticketTab(pane: Element): Element {
  const tab = pane.parentElement?.closest(sel.ticketTab);
  return tab && tab.querySelectorAll(sel.grid).length === 1 ? tab : pane;
}

/**
 * The active ticket grid. Zendesk keeps every open ticket's workspace in the DOM, and in its 2026 UI hides the cached
 * ones by visibility rather than removing their grids' `active` mark (and #main_panes is no longer unique: the
 * "Zendesk Window Title" userscript, 2026). Among the active grids: with `ticketId`, that ticket's (what is read as
 * it); without, the one on screen (where the overlay docks and inserts, also in the moment the URL has moved on);
 * either outside a cached workspace when there is one.
 */
export function activePane(doc: Document, ticketId?: string): Element | null {
  const active = [...doc.querySelectorAll(sel.activePane)];
  const candidates = ticketId
    ? active.filter((grid) => grid.getAttribute('data-test-id') === `ticket-${ticketId}-custom-layout`)
    : active;
  return candidates.find((grid) => !grid.closest(sel.cachedWorkspace)) ?? candidates[0] ?? null;
}

const text = (root: Element, selector: string) => root.querySelector(selector)?.textContent?.trim() || undefined;

/** Public comments, oldest first: who wrote each (customer or agent) and when. Internal notes are skipped. */
function readComments(pane: Element): {
  comments: NonNullable<TicketContextInput['comments']>;
  latestCustomerMessage?: string;
} {
  const comments: NonNullable<TicketContextInput['comments']> = [];
  let latestCustomerMessage: string | undefined;
  for (const article of pane.querySelectorAll(sel.comment)) {
    if (article.querySelector(sel.internalNote)) continue;
    const at = article.querySelector(sel.commentTime)?.getAttribute('datetime');
    const type = article.querySelector(sel.commentMessage)?.getAttribute('type');
    if (!at || Number.isNaN(Date.parse(at)) || (type !== 'end-user' && type !== 'agent')) continue;
    const authorRole = type === 'agent' ? 'agent' : 'customer';
    comments.push({ authorRole, at: new Date(at).toISOString() });
    if (authorRole === 'customer') latestCustomerMessage = text(article, sel.commentText)?.slice(0, 5000);
  }
  comments.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { comments, latestCustomerMessage };
}

/** Read the ticket in front of the agent. Every value comes from the active pane only. */
export function readZendesk(doc: Document, url: URL): AdapterSnapshot {
  const ticketId = zendeskTicketIdFromUrl(url);
  if (!ticketId) return { missing: [] };
  const identity = { helpdesk: 'zendesk', ticketId, url: url.href } as const;
  // Right after a tab switch the URL already names the new ticket while the old pane is still shown: only the
  // URL's own ticket's grid is read, never the old pane's fields as the new ticket's.
  const pane = activePane(doc, ticketId);
  if (!pane) {
    return { ticket: identity, missing: ['ticket pane'] };
  }
  const subject = pane.querySelector<HTMLInputElement>(sel.subject);
  const { comments, latestCustomerMessage } = readComments(pane);
  const tab = ticketTab(pane);
  const priority = readPriority(pane);
  const status = readStatus(tab);
  const tags = [...pane.querySelectorAll(sel.tag)]
    .map((tag) => (tag.textContent ?? '').replace(/×$/, '').trim())
    .filter(Boolean);
  const organization = text(tab, sel.organization);
  const ticket: TicketContextInput = {
    ...identity,
    subject: subject?.value || undefined,
    status,
    priority,
    tags: tags.slice(0, 200),
    requester: { name: text(pane, sel.requesterName)?.slice(0, 200) },
    organization: organization ? { name: organization.slice(0, 200) } : undefined,
    comments,
    // The first public comment is the ticket's creation in Zendesk; REST gives the exact instant when enriched.
    createdAt: comments[0]?.at,
    latestCustomerMessage,
  };
  return { missing: subject ? [] : ['subject'], ticket };
}
