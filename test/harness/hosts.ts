/**
 * The real helpdesk host names the fixtures are opened at, so the production match patterns
 * (`https://*.zendesk.com/agent/*`, `https://*.lightning.force.com/lightning/*`) are what gets exercised.
 * Chromium maps them to 127.0.0.1 with --host-resolver-rules; Firefox with network.dns.localDomains.
 */
export const FIXTURE_HOSTS = {
  zendesk: 'acme.zendesk.com',
  salesforce: 'acme.lightning.force.com',
  /** The same org's API host (my.salesforce.com), where the case milestones are read. */
  salesforceApi: 'acme.my.salesforce.com',
  generic: 'support.acme-desk.test',
  genericZammad: 'helpdesk.acme-zammad.test',
  /** Where Zendesk serves an installed app's assets from: every app on its own origin, apart from the helpdesk. */
  zendeskApp: 'desklens.apps.zdusercontent.com',
  /** Real editors (CKEditor 4 and 5, TinyMCE, Quill) on one described helpdesk, served from their npm packages. */
  genericEditors: 'editors.acme-desk.test',
  /** A real Redmine on an intranet name over http (test/harness/redmine.ts), on its own port. */
  redmine: 'redmine.internal',
} as const;

/** The reply editors a description can name (lib/schema/adapter.ts), each on its own fixture host. */
export const EDITOR_KINDS = ['textarea', 'contenteditable', 'ckeditor5', 'ckeditor4', 'tinymce', 'quill'] as const;
/** CKEditor 4 described as the textarea it hides: the insert must be reported as not kept. */
export const MISDESCRIBED_EDITOR = 'legacy';
/** Editor frameworks with no kind of their own, described as the `contenteditable` they render (docs/adapters/editors). */
export const EDITOR_FRAMEWORKS = ['prosemirror', 'lexical', 'draftjs'] as const;

export const ALL_FIXTURE_HOSTS: string[] = [
  ...Object.values(FIXTURE_HOSTS),
  ...[...EDITOR_KINDS, ...EDITOR_FRAMEWORKS, MISDESCRIBED_EDITOR].map(
    (kind) => `${kind}.${FIXTURE_HOSTS.genericEditors}`,
  ),
];

export function chromiumHostArgs(): string[] {
  return [
    `--host-resolver-rules=${ALL_FIXTURE_HOSTS.map((host) => `MAP ${host} 127.0.0.1`).join(', ')}`,
    '--ignore-certificate-errors',
  ];
}
