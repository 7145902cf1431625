import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { IdentityPanel } from '../../components/IdentityPanel';
import { askBackground } from '../../lib/messaging';
import { translate } from '../../lib/overlay/i18n';
import type { IdentityState } from '../../lib/schema/identity';

/** The identity panel wired to the background, for the popup and the options page. */
export function IdentityStatus({ passwordForm }: { passwordForm: boolean }) {
  const state = useSignal<IdentityState | undefined>(undefined);
  const refresh = () =>
    void askBackground({ kind: 'getStatus' }).then((answer) => {
      if (answer.ok) state.value = answer.value.identity;
    });
  useEffect(() => {
    refresh();
    // Approval and SSO finish in the background; follow them while the page is open.
    const timer = setInterval(refresh, 3_000);
    return () => clearInterval(timer);
  }, []);
  if (!state.value) return null;
  return (
    <IdentityPanel
      t={translate}
      state={state.value}
      passwordForm={passwordForm}
      signInWithSso={() => askBackground({ kind: 'signIn', mode: 'sso' })}
      signInWithPassword={(email, password) => askBackground({ kind: 'signIn', mode: 'password', email, password })}
      askAgain={() => askBackground({ kind: 'signIn', mode: 'approval' })}
      signOut={() => askBackground({ kind: 'signOut' })}
      openOptions={() => void browser.runtime.openOptionsPage()}
      retry={() => void askBackground({ kind: 'syncNow' }).then(refresh)}
      onChange={(next) => {
        state.value = next;
      }}
    />
  );
}
