import { useState } from 'preact/hooks';
import { api, errorMessage } from '../api/client';
import { t } from '../i18n';
import { loadSession } from '../state/session';
import { Preferences } from './Preferences';

/** The console's sign-in: the server sets an HttpOnly session cookie; the page never holds a secret. */
export function SignIn() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setProblem(null);
    try {
      const { error, response } = await api.POST('/api/v1/sessions', {
        body: { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') },
      });
      if (response.status === 401) setProblem(t('signIn.wrong'));
      else if (response.status === 429)
        setProblem(t('signIn.limited', { seconds: response.headers.get('retry-after') ?? '60' }));
      else if (!response.ok) setProblem(t('signIn.failed', { message: errorMessage(error, response.status) }));
      else await loadSession();
    } catch (failure) {
      setProblem(t('signIn.failed', { message: String(failure) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="content" class="sign-in">
      <h1>{t('signIn.title')}</h1>
      <form onSubmit={submit} aria-describedby={problem ? 'sign-in-problem' : undefined}>
        <label>
          {t('signIn.email')}
          <input name="email" type="email" autocomplete="username" required />
        </label>
        <label>
          {t('signIn.password')}
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        {problem && (
          <p id="sign-in-problem" class="problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('signIn.busy') : t('signIn.submit')}
        </button>
      </form>
      <Preferences />
    </main>
  );
}
