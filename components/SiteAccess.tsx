import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { Translate } from './i18n';

/** One thing DeskLens can do once the agent allows it: a described helpdesk, or Salesforce milestones. */
export interface AccessRequest {
  id: string;
  /** Shown as is (an admin's helpdesk name is text, never markup). */
  label: string;
  origins: string[];
  permissions?: string[];
}

export interface PermissionsApi {
  contains(request: { origins: string[]; permissions?: string[] }): Promise<boolean>;
  /** Must run inside the click handler: browsers only show their prompt for a user gesture. */
  request(request: { origins: string[]; permissions?: string[] }): Promise<boolean>;
  remove(request: { origins: string[]; permissions?: string[] }): Promise<boolean>;
}

interface Props {
  t: Translate;
  requests: AccessRequest[];
  permissions: PermissionsApi;
}

/**
 * Site access the agent grants: nothing beyond Zendesk and Salesforce is asked for at install, and each extra
 * host (an admin-described helpdesk, Salesforce's API host for milestones) only when the agent turns it on here.
 */
export function SiteAccess({ t, requests, permissions }: Props) {
  const granted = useSignal<Record<string, boolean>>({});
  const refusal = useSignal<string | undefined>(undefined);
  const refresh = async () => {
    const entries = await Promise.all(
      requests.map(async (one) => [one.id, await permissions.contains(scope(one))] as const),
    );
    granted.value = Object.fromEntries(entries);
  };
  useEffect(() => {
    void refresh();
  }, [requests]);
  if (requests.length === 0) return null;
  return (
    <section class="dl-site-access" aria-labelledby="dl-site-access-title">
      <h2 id="dl-site-access-title">{t('siteAccessTitle')}</h2>
      <ul>
        {requests.map((one) => {
          const on = granted.value[one.id] === true;
          return (
            <li key={one.id} data-access={one.id} data-granted={on ? 'true' : 'false'}>
              <span class="dl-access-label">{one.label}</span>
              <span class="dl-access-origins">{one.origins.join(', ')}</span>
              <button
                type="button"
                onClick={() => {
                  refusal.value = undefined;
                  // Called synchronously from the click so the browser accepts it as the user's gesture.
                  const change = on ? permissions.remove(scope(one)) : permissions.request(scope(one));
                  void change
                    .then((accepted) => {
                      if (!accepted && !on) refusal.value = one.label;
                    })
                    .catch((error: unknown) => {
                      refusal.value = `${one.label}: ${error instanceof Error ? error.message : String(error)}`;
                    })
                    .finally(() => void refresh());
                }}
              >
                {t(on ? 'siteAccessRemove' : 'siteAccessAllow')}
              </button>
            </li>
          );
        })}
      </ul>
      {refusal.value && (
        <p class="dl-error" role="alert">
          {t('siteAccessRefused', [refusal.value])}
        </p>
      )}
    </section>
  );
}

function scope(one: AccessRequest): { origins: string[]; permissions?: string[] } {
  return one.permissions ? { origins: one.origins, permissions: one.permissions } : { origins: one.origins };
}
