import '../../lib/schema/zod-setup';
import { useSignal } from '@preact/signals';
import { render } from 'preact';
import { useEffect } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { OptionsForm } from '../../components/OptionsForm';
import { type AccessRequest, type PermissionsApi, SiteAccess } from '../../components/SiteAccess';
import { permissionOrigins, validateDescriptions } from '../../lib/background/generic-adapters';
import { SALESFORCE_API_ORIGINS, SALESFORCE_API_PERMISSIONS } from '../../lib/background/salesforce-case';
import { SETTINGS_KEY } from '../../lib/background/settings-store';
import { askBackground } from '../../lib/messaging';
import { translate } from '../../lib/overlay/i18n';
import { AgentSettings } from '../../lib/schema/config';
import '../../components/pages.css';

/** What the agent can allow here: each helpdesk the admin described, and Salesforce milestones. */
async function accessRequests(): Promise<AccessRequest[]> {
  const config = await askBackground({ kind: 'getConfig' });
  const described = config.ok ? validateDescriptions(config.value.genericAdapters).valid : [];
  return [
    ...described.map((one) => ({
      id: `generic:${one.id}`,
      label: one.name ?? one.id,
      origins: permissionOrigins(one),
    })),
    {
      id: 'salesforce-milestones',
      label: translate('siteAccessSalesforceMilestones'),
      origins: SALESFORCE_API_ORIGINS,
      permissions: SALESFORCE_API_PERMISSIONS,
    },
  ];
}

// The requests name only optional permissions from the manifest (`cookies`); the browser refuses anything else.
const asPermissions = (request: { origins: string[]; permissions?: string[] }) =>
  request as browser.Permissions.Permissions;
const permissionsApi: PermissionsApi = {
  contains: (request) => browser.permissions.contains(asPermissions(request)),
  request: (request) => browser.permissions.request(asPermissions(request)),
  remove: (request) => browser.permissions.remove(asPermissions(request)),
};

function SiteAccessPanel() {
  const requests = useSignal<AccessRequest[]>([]);
  useEffect(() => {
    void accessRequests().then((found) => {
      requests.value = found;
    });
  }, []);
  return <SiteAccess t={translate} requests={requests.value} permissions={permissionsApi} />;
}

const app = document.getElementById('app');
if (app) {
  render(
    <>
      <OptionsForm
        t={translate}
        loadConfig={() => askBackground({ kind: 'getConfig' })}
        loadSettings={async () =>
          ((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] ?? {}) as AgentSettings
        }
        saveSettings={async (settings) => {
          const parsed = AgentSettings.safeParse(settings);
          if (!parsed.success) {
            return {
              ok: false,
              errors: parsed.error.issues.map((issue) => ({
                field: String(issue.path[0] ?? ''),
                message: issue.message,
              })),
            };
          }
          await browser.storage.local.set({ [SETTINGS_KEY]: parsed.data });
          return { ok: true };
        }}
      />
      <SiteAccessPanel />
    </>,
    app,
  );
}
