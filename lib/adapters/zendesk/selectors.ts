/**
 * Zendesk Agent Workspace selectors, each with where it was seen (shared/research/helpdesk-dom-evidence.md).
 * Zendesk keeps every open ticket's pane in the DOM at once, so field selectors are only ever run inside
 * the active pane.
 */
export const zendeskSelectors = {
  /** Container of all open ticket panes (Automattic support-toolkit, verified live 2026-06-22). */
  panes: 'main#main_panes',
  /** The visible ticket grid of the 2023+ UI (toggl Sept 2023; Rate Escalation). */
  activePane: '.ticket-panes-grid-layout.active, .ticket-panes-grid-layout[data-is-active="true"]',
  /** Active header tab (wrong-client extension; inactivity extension). */
  activeTab: '[data-test-id="header-tab"][aria-selected="true"], [data-test-id="header-tab"][aria-current="page"]',
  subject: 'input[data-test-id="omni-header-subject"]',
} as const;

export const ZENDESK_TICKET_PATH = /^\/agent\/tickets\/(\d+)(?:\/|$)/;

/** Pure page detection: the ticket id in an Agent Workspace URL, if the URL is a ticket. */
export function zendeskTicketIdFromUrl(url: URL): string | undefined {
  return ZENDESK_TICKET_PATH.exec(url.pathname)?.[1];
}
