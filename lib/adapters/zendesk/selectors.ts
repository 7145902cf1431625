/**
 * Zendesk Agent Workspace selectors, each with where it was seen (shared/research/helpdesk-dom-evidence.md §1).
 * Zendesk keeps every open ticket's pane in the DOM at once, so field selectors only ever run inside the
 * active pane. Dated: as evidenced in public extensions up to 2026-07.
 */
export const zendeskSelectors = {
  /** Container of all open ticket panes (Automattic support-toolkit, verified live 2026-06-22). */
  panes: 'main#main_panes',
  /** The visible ticket grid of the 2023+ UI (toggl Sept 2023; Rate Escalation). */
  activePane: '.ticket-panes-grid-layout.active, .ticket-panes-grid-layout[data-is-active="true"]',
  /** Active header tab (wrong-client extension; inactivity extension). */
  activeTab: '[data-test-id="header-tab"][aria-selected="true"], [data-test-id="header-tab"][aria-current="page"]',
  /** An <input>: read `.value` (toggl, Z-sel, Playwright scripts). */
  subject: 'input[data-test-id="omni-header-subject"]',
  /** The conversation log below the omni header (Z-timer, Z-hefesto, Z-mismatch; Z-sel for the feed role). */
  conversation: '[data-test-id="omni-log-container"], section[role="feed"]',
  /** Sidebar requester field (requester-email-replacer, webmcp). */
  requesterName: '[data-test-id="ticket-system-field-requester-select"] [data-garden-id="typography.ellipsis"]',
  priority: '[data-test-id="ticket-fields-priority-select"] [data-garden-id="dropdowns.combobox.value"]',
  tag: '[data-test-id="ticket-system-field-tags-item-selected"]',
  /**
   * The breadcrumb above the ticket (Organisation › Requester › status, "Ticket #123"): Z-sfa, Z-hefesto, Z-lfr. It
   * belongs to the ticket's tab, not always to its grid, and other status badges (the customer's other tickets) can
   * stand inside the grid: only the breadcrumb's label is the ticket's.
   */
  statusLabel: '[data-test-id="tabs-section-nav-item-ticket"] .ticket_status_label',
  organization: '[data-test-id="tabs-nav-item-organizations"]',
  /** The ticket's whole tab around its grid: the per-tab wrapper (Z-lfr) or the ticket element (Z-rate). */
  ticketTab: '.workspace, .ticket',
  /** A workspace kept for a tab not in front (2026 UI: hidden by visibility, marked `is-cached`). */
  cachedWorkspace: '.workspace.is-cached',
  grid: '.ticket-panes-grid-layout',
  /** Conversation log entries (a8c transcript, webmcp, chat timer). */
  comment: 'article[data-test-id="omni-log-comment-item"]',
  commentTime: 'time[datetime]',
  commentMessage: '[data-test-id="omni-log-item-message"]',
  commentText: '[data-test-id="omni-log-message-content"]',
  internalNote: '[data-test-id="omni-log-internal-note-tag"]',
  /** CKEditor 5 editable of the reply composer (several extensions, Playwright scripts). */
  editor:
    '.ck-editor__editable[data-test-id="omnicomposer-rich-text-ckeditor"], [data-test-id="ticket-rich-text-editor"] .ck-editor__editable',
} as const;

export const ZENDESK_TICKET_PATH = /^\/agent\/tickets\/(\d+)(?:\/|$)/;

/** Pure page detection: the ticket id in an Agent Workspace URL, if the URL is a ticket. */
export function zendeskTicketIdFromUrl(url: URL): string | undefined {
  return ZENDESK_TICKET_PATH.exec(url.pathname)?.[1];
}
