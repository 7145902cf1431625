/**
 * Salesforce Lightning console selectors (shared/research/helpdesk-dom-evidence.md §2). Lightning keeps
 * hidden workspaces with their own selected subtabs, so everything is scoped to the active workspace panel.
 */
export const salesforceSelectors = {
  /** Active workspace tab in the console's tab bar (S-vb, S-cti, S-awsf). */
  activeWorkspaceTab: '.tabsetHeader ul.tabBarItems > li.slds-is-active > a[role="tab"]',
  subject: 'support-output-case-subject-field lightning-formatted-text',
} as const;

const CASE_PATH = /^\/lightning\/r\/Case\/([a-zA-Z0-9]{15,18})(?:\/|$)/;

/** Pure page detection: the Case record id in a Lightning URL. */
export function salesforceCaseIdFromUrl(url: URL): string | undefined {
  return CASE_PATH.exec(url.pathname)?.[1];
}
