import { chinesePriority, chineseStatus } from '../labels';

/**
 * Salesforce Lightning console selectors (shared/research/helpdesk-dom-evidence.md §2). Lightning keeps
 * hidden workspaces with their own selected subtabs, so everything but the workspace tab bar is queried
 * inside the active workspace panel (the `aria-controls` target of the active workspace tab). Each list is
 * tried in order; dates say when the markup was last evidenced.
 */
export const salesforceSelectors = {
  /** Console workspace manager: one observer is scoped to it (S-cti, S-awsf; 2026-07). */
  workspaceManager: '.navexWorkspaceManager',
  /** Active workspace tab in the console's tab bar, never a subtab (S-vb, S-cti, S-awsf; 2026-07). */
  activeWorkspaceTab: '.tabsetHeader ul.tabBarItems > li.slds-is-active > a[role="tab"]',
  /** Fallback body of the active workspace when aria-controls is missing (S-sendoso, S-split; 2026-07). */
  activeWorkspaceBody: '.tabsetBody[role="main"] > .split-right > section.tabContent.oneConsoleTab.active',
  /** Subject in the highlights panel, then the layout (S-vbc 2026-05, S-dtsn 2026-06, S-exl pattern). */
  subject: [
    'support-output-case-subject-field lightning-formatted-text',
    'div[data-target-selection-name="sfdc:RecordField.Case.Subject"] lightning-formatted-text',
    'records-record-layout-item[field-label="Subject"] lightning-formatted-text',
  ],
  /** The record's highlights panel, the header of a case page (S-vbc, S-exl, idx:55584892739; 2026-06). */
  highlightsPanel: 'records-highlights2, .slds-page-header',
  /**
   * Generic field by its API name, on the div inside the layout item (S-dtsn, S-capt; 2026-06): the same in every
   * language the org's users see Salesforce in, where `field-label` is translated. `%s` is the API name.
   */
  apiField: 'div[data-target-selection-name="sfdc:RecordField.Case.%s"]',
  /** Generic field by label (S-exl, S-capt, S-pixie; 2026-06). `%s` is the field label (English UI). */
  layoutItem: 'records-record-layout-item[field-label="%s"]',
  fieldValue: ['lightning-formatted-text', 'force-lookup a', 'records-hoverable-link a', '.test-id__field-value'],
  email: 'lightning-formatted-email a[href^="mailto:"]',
  /** Email action body: CKEditor 4 in nested iframes (S-email, four scripts, 2026-04). */
  emailOuterFrame: 'iframe[title="Email Body"], iframe[name^="vfFrameId"]',
  emailInnerFrame: 'iframe.cke_wysiwyg_frame',
  emailEditable: 'body.cke_editable[contenteditable="true"]',
  /** Chatter publisher: Quill (S-pub, 2026-05). */
  chatterEditor: '.ql-editor.slds-rich-text-area__content[contenteditable="true"]',
} as const;

/** The Case fields the adapter reads: API name first (any UI language), then the English layout labels. */
export const salesforceFields = {
  status: { api: 'Status', labels: ['Status'] },
  priority: { api: 'Priority', labels: ['Priority'] },
  contactName: { api: 'ContactId', labels: ['Contact Name'] },
  contactEmail: { api: 'ContactEmail', labels: ['Contact Email'] },
  accountName: { api: 'AccountId', labels: ['Account Name', 'Account'] },
} as const;
export type SalesforceField = (typeof salesforceFields)[keyof typeof salesforceFields];

const CASE_PATH = /^\/lightning\/r\/Case\/([a-zA-Z0-9]{15,18})(?:\/|$)/;

/** Pure page detection: the Case record id in a Lightning URL. */
export function salesforceCaseIdFromUrl(url: URL): string | undefined {
  return CASE_PATH.exec(url.pathname)?.[1];
}

/** Map Salesforce's default Case statuses onto DeskLens's (Zendesk's) status set. */
export function salesforceStatus(
  label: string | undefined,
): 'new' | 'open' | 'pending' | 'hold' | 'solved' | 'closed' | undefined {
  const value = label?.trim().toLowerCase();
  if (!value) return undefined;
  // The standard values as a Chinese-language org shows them; an org's own statuses stay "open" as before.
  const translated = chineseStatus(value);
  if (translated) return translated;
  if (value === 'new') return 'new';
  if (value === 'closed') return 'closed';
  if (value.includes('solved') || value.includes('resolved')) return 'solved';
  // On hold is waiting on someone other than the customer: Zendesk's hold, which pauses no requester wait.
  if (value === 'hold' || value.includes('on hold')) return 'hold';
  if (value.includes('waiting') || value.includes('pending')) return 'pending';
  return 'open';
}

/** Salesforce priorities: Low / Medium / High (/ Critical or Urgent in customised orgs). */
export function salesforcePriority(label: string | undefined): 'low' | 'normal' | 'high' | 'urgent' | undefined {
  const value = label?.trim().toLowerCase();
  if (!value) return undefined;
  if (value === 'low') return 'low';
  if (value === 'medium' || value === 'normal') return 'normal';
  if (value === 'high') return 'high';
  if (value === 'critical' || value === 'urgent') return 'urgent';
  return chinesePriority(value);
}
