import type { TicketContextInput } from '../../schema/ticket';
import { headerBlock } from '../header-block';
import { onlyOwnMutations } from '../own-mutations';
import { createStatusWatch } from '../status-history';
import type { AdapterSnapshot, HelpdeskAdapter, InsertResult } from '../types';
import { urlFloor } from '../url-floor';
import { insertIntoZendesk } from './insert';
import { activePane, readZendesk } from './read';
import { createZendeskEnricher } from './rest';
import { mergeComments } from './rest-comments';
import { zendeskSelectors as sel } from './selectors';

export { readZendesk } from './read';

const REFRESH_MS = 60_000;
/**
 * Zendesk renders the pane's fields in its own light DOM, which the observer sees: a full read without a mutation
 * or a new URL is only for a typed value (the subject field), so every 5 s rather than every second.
 */
const QUIET_READ_MS = 5000;

export function createZendeskAdapter(win: Window): HelpdeskAdapter {
  const enricher = createZendeskEnricher(win);
  const statuses = createStatusWatch();
  let reemit: () => void = () => undefined;

  /**
   * Add what REST knows (requester email and id, organization, channel, creation instant, SLA targets). Asks when
   * nothing is known yet, and refreshes the ticket in front of the agent once its answer is a minute old (its SLA
   * stages move on); the enricher's limits decide whether a request is actually sent.
   */
  function withEnrichment(snapshot: AdapterSnapshot): AdapterSnapshot {
    const ticket = snapshot.ticket;
    if (!ticket || snapshot.missing.length > 0) return snapshot;
    statuses.observe(ticket.ticketId, ticket.status);
    const known = enricher.cached(ticket.ticketId);
    if (!known || enricher.ageMs(ticket.ticketId) > REFRESH_MS) {
      void enricher.fetch(ticket.ticketId).then((found) => {
        if (found) reemit();
      });
    }
    const answeredAt = enricher.answeredAt(ticket.ticketId);
    const history = (comments: TicketContextInput['comments'], createdAt: string | undefined) =>
      statuses.history(
        ticket.ticketId,
        { createdAt, comments },
        known?.statusHistory && answeredAt !== undefined
          ? { changes: known.statusHistory, knownAt: answeredAt }
          : undefined,
      );
    if (!known) {
      const observed = history(ticket.comments, ticket.createdAt);
      return observed ? { ...snapshot, ticket: { ...ticket, statusHistory: observed } } : snapshot;
    }
    const comments = known.comments ? mergeComments(ticket.comments ?? [], known.comments) : ticket.comments;
    const createdAt = known.createdAt ?? ticket.createdAt;
    const statusHistory = history(comments, createdAt);
    return {
      ...snapshot,
      ticket: {
        ...ticket,
        // The page's labels are live but in the agent's language; REST's are a minute old at most but always read.
        status: ticket.status ?? known.status,
        priority: ticket.priority ?? known.priority,
        requester: { ...ticket.requester, ...known.requester, name: ticket.requester?.name ?? known.requester?.name },
        organization: known.organization
          ? { ...known.organization, name: ticket.organization?.name ?? known.organization.name }
          : ticket.organization,
        channel: ticket.channel ?? known.channel,
        ...(known.openedBy ? { openedBy: known.openedBy } : {}),
        // The first comment shown is only the creation to the minute; REST has the exact instant.
        createdAt,
        ...(comments ? { comments } : {}),
        ...(statusHistory ? { statusHistory } : {}),
        ...(known.helpdeskSla ? { helpdeskSla: known.helpdeskSla } : {}),
      },
    };
  }

  return {
    helpdesk: 'zendesk',
    observe(signal, onChange) {
      let last = '';
      const emit = () => {
        const snapshot = withEnrichment(readZendesk(win.document, new URL(win.location.href)));
        const key = JSON.stringify(snapshot);
        if (key === last) return;
        last = key;
        onChange(snapshot);
      };
      const observer = new MutationObserver((records) => {
        if (!onlyOwnMutations(records)) read();
      });
      // The panes' container once Zendesk has rendered it (the whole body until then), and again if it is replaced.
      // Zendesk's 2026 UI has more than one #main_panes: the one holding the grid on screen.
      let root: Element | undefined;
      const lost = () => root === undefined || root === win.document.body || !root.isConnected;
      /** Checked once a second, not on every read: the grid on screen has moved to another container. */
      const strayed = () => {
        const pane = root ? activePane(win.document) : null;
        if (pane && root && !root.contains(pane)) root = undefined;
        return lost();
      };
      const attach = () => {
        if (!lost()) return;
        const next =
          activePane(win.document)?.closest(sel.panes) ?? win.document.querySelector(sel.panes) ?? win.document.body;
        if (next === root) return;
        observer.disconnect();
        root = next;
        observer.observe(root, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['class', 'data-is-active', 'value', 'style'],
        });
      };
      signal.addEventListener('abort', () => observer.disconnect(), { once: true });
      const read = urlFloor({
        win,
        signal,
        read: () => {
          attach();
          emit();
        },
        quietReadMs: QUIET_READ_MS,
        stale: strayed,
      });
      reemit = read;
      win.addEventListener('popstate', read, { signal });
      read();
    },
    insertReply(text: string): Promise<InsertResult> {
      return insertIntoZendesk(win.document, text);
    },
    dockAfter() {
      const pane = activePane(win.document);
      const subject = pane?.querySelector(sel.subject);
      if (!pane || !subject) return null;
      return headerBlock(subject, pane, pane.querySelector(sel.conversation) ?? pane.querySelector(sel.editor));
    },
  };
}
