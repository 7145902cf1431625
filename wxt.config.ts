import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { BUILT_IN_HELPDESK_ORIGINS } from './lib/schema/origin-owners';

/**
 * Public half of the signing key: it pins the Chrome/Edge extension id to
 * goahlondhlgdmjjhmengplhcbjjlbcnd so enterprise policies can name it. The private key is never committed.
 */
const CHROME_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA7VKRu9bLasNebDoG6Ueb3WGOHxWJHlgDrubeXFAoGz1VXCuiaB03qIDZdTDtNngNO9fUOq0kKRSshVykVS17c1RMO8n+SeiZ8lFU3PkYDs7LjGl0WHkwhBVERGhgYnlKSQzYrUTAs1ge8N736hIaaPZkR3PpDH8oxDzme07TFKg5ykKZRvej/ODGvj+ILJDekKaHt/kS4eu0sPmbLMoCSrtSxzN2oJobqmhEmklFWaAEgYx+fC5qzrPPtXg8do+mqvPoDOgNCJ58IoeyiuPGzCYmHINtFkMapK6e3gWsUDQBzj1g7QZMvrCFtSFMHjcUTDMJRidbZrqr/0tVQ8e9/wIDAQAB';

export const GECKO_ID = 'desklens@desklens.app';

export default defineConfig({
  hooks: {
    // Hong Kong and Macau browsers read Traditional Chinese: without a catalogue of their own, Chrome and Firefox
    // would fall back from zh_HK to English, so they get the Taiwan catalogue (one source file, public/_locales/zh_TW).
    'build:publicAssets': (_wxt, files) => {
      const taiwan = files.find((file) => file.relativeDest === '_locales/zh_TW/messages.json');
      if (taiwan && 'absoluteSrc' in taiwan)
        for (const region of ['zh_HK', 'zh_MO'])
          files.push({ absoluteSrc: taiwan.absoluteSrc, relativeDest: `_locales/${region}/messages.json` });
    },
    // The generic content script is registered at run time for origins the agent grants, so WXT cannot know
    // its matches and makes its stylesheet accessible to no page at all. Any HTTPS helpdesk (and an intranet one
    // over http, by the description's opt-in) may use it; its URL is per-session random (use_dynamic_url), so
    // exposing it reveals nothing.
    'build:manifestGenerated': (_wxt, manifest) => {
      for (const entry of manifest.web_accessible_resources ?? []) {
        if (
          typeof entry === 'object' &&
          entry.resources.includes('content-scripts/generic.css') &&
          !entry.matches?.length
        ) {
          entry.matches = ['https://*/*', 'http://*/*'];
        }
      }
    },
  },
  srcDir: '.',
  outDir: '.output',
  imports: false,
  vite: () => ({
    plugins: [preact()],
    // DESKLENS_NO_MINIFY=1: readable function names in CPU profiles of the overlay (docs/developers/performance.md).
    build: { sourcemap: false, minify: process.env.DESKLENS_NO_MINIFY ? false : undefined },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              // Ticket ids, customer email and scores go to the organization's own DeskLens server.
              data_collection_permissions: { required: ['personallyIdentifyingInfo', 'websiteContent'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { key: CHROME_PUBLIC_KEY, minimum_chrome_version: '120' }),
    // identity: launchWebAuthFlow, for single sign-on with the organisation's provider (no install warning in
    // Chrome, Edge or Firefox; it reads nothing of the browser's own Google or Firefox account).
    permissions: ['storage', 'alarms', 'notifications', 'scripting', 'identity'],
    // The helpdesk hosts only. Custom helpdesks are asked for at run time (optional), never <all_urls>.
    host_permissions: BUILT_IN_HELPDESK_ORIGINS.map((origin) => origin.pattern),
    // http only for intranet helpdesks whose description opts in (lib/schema/adapter.ts checks the host).
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // Salesforce milestones: the my.salesforce.com session cookie, asked for only when an agent turns them on.
    // Firefox's MV2 manifest has no optional_host_permissions: its optional hosts go in optional_permissions, or
    // permissions.request() refuses every described helpdesk and the Salesforce API host.
    optional_permissions: browser === 'firefox' ? ['cookies', 'https://*/*', 'http://*/*'] : ['cookies'],
    storage: { managed_schema: 'managed_schema.json' },
    action: { default_title: '__MSG_extName__' },
  }),
});
