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
} as const;

export const ALL_FIXTURE_HOSTS: string[] = Object.values(FIXTURE_HOSTS);

export function chromiumHostArgs(): string[] {
  return [
    `--host-resolver-rules=${ALL_FIXTURE_HOSTS.map((host) => `MAP ${host} 127.0.0.1`).join(', ')}`,
    '--ignore-certificate-errors',
  ];
}
