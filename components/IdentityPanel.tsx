import { useSignal } from '@preact/signals';
import type { BackgroundResult } from '../lib/messaging';
import type { IdentityState } from '../lib/schema/identity';
import type { Translate } from './i18n';

interface Props {
  t: Translate;
  state: IdentityState;
  /** Whether the password form is shown here (options) or the agent is sent to the options (popup). */
  passwordForm: boolean;
  signInWithSso: () => Promise<BackgroundResult<IdentityState>>;
  signInWithPassword: (email: string, password: string) => Promise<BackgroundResult<IdentityState>>;
  askAgain: () => Promise<BackgroundResult<IdentityState>>;
  signOut: () => Promise<BackgroundResult<IdentityState>>;
  openOptions: () => void;
  retry: () => void;
  /** Called with the state after any action, so the page shows where it now stands. */
  onChange: (state: IdentityState) => void;
}

/** Where this browser stands in proving who uses it, and the one thing the agent can do about it. */
export function IdentityPanel({ t, state, passwordForm, onChange, ...actions }: Props) {
  const email = useSignal('');
  const password = useSignal('');
  const problem = useSignal<string | undefined>(undefined);
  const busy = useSignal(false);
  const run = async (action: () => Promise<BackgroundResult<IdentityState>>) => {
    busy.value = true;
    problem.value = undefined;
    const answer = await action();
    busy.value = false;
    if (answer.ok) {
      password.value = '';
      onChange(answer.value);
    } else problem.value = answer.error;
  };
  const button = (label: string, action: () => void) => (
    <button type="button" disabled={busy.value} onClick={action}>
      {label}
    </button>
  );
  return (
    <section class="dl-identity" data-identity-state={state.state} aria-labelledby="dl-identity-heading">
      <h2 id="dl-identity-heading">{t('identityHeading')}</h2>
      {state.state === 'bound' && (
        <>
          <p role="status">{t('identityBound', [state.email, t(`identityMethod_${state.method}`)])}</p>
          {button(t('signOut'), () => void run(actions.signOut))}
        </>
      )}
      {state.state === 'pending_approval' && <p role="status">{t('identityPending', [state.email])}</p>}
      {state.state === 'needs_email' && <p class="dl-warning">{t('identityNeedsEmail')}</p>}
      {state.state === 'not_configured' && <p class="dl-warning">{t('identityNotConfigured')}</p>}
      {state.state === 'refused' && (
        <>
          <p class="dl-error">{t('identityRefused', [state.reason])}</p>
          {button(t('askAgain'), () => void run(actions.askAgain))}
        </>
      )}
      {state.state === 'error' && (
        <>
          <p class="dl-error">{t('identityError', [state.reason])}</p>
          {button(t('tryAgain'), actions.retry)}
        </>
      )}
      {state.state === 'needs_sign_in' && state.mode === 'sso' && (
        <>
          <p class="dl-warning">{t('identityNeedsSso')}</p>
          {button(t('signIn'), () => void run(actions.signInWithSso))}
        </>
      )}
      {state.state === 'needs_sign_in' && state.mode === 'password' && (
        <>
          <p class="dl-warning">{t('identityNeedsPassword')}</p>
          {passwordForm ? (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                void run(() => actions.signInWithPassword(email.value.trim(), password.value));
              }}
            >
              <label for="dl-sign-in-email">{t('signInEmail')}</label>
              <input
                id="dl-sign-in-email"
                type="email"
                autocomplete="username"
                required
                value={email.value}
                onInput={(event) => {
                  email.value = (event.currentTarget as HTMLInputElement).value;
                }}
              />
              <label for="dl-sign-in-password">{t('signInPassword')}</label>
              <input
                id="dl-sign-in-password"
                type="password"
                autocomplete="current-password"
                required
                value={password.value}
                onInput={(event) => {
                  password.value = (event.currentTarget as HTMLInputElement).value;
                }}
              />
              <button type="submit" disabled={busy.value}>
                {t('signIn')}
              </button>
            </form>
          ) : (
            button(t('openOptionsToSignIn'), actions.openOptions)
          )}
        </>
      )}
      {problem.value && (
        <p class="dl-error" role="alert">
          {t('signInFailed', [problem.value])}
        </p>
      )}
    </section>
  );
}
