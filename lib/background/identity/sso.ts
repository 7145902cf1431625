import { calculatePKCECodeChallenge, generateRandomCodeVerifier } from 'oauth4webapi';
import type { EnrollResponse } from '../../schema/identity';
import type { Answer, EnrollmentApi } from './api';

/** The browser's side of `identity.launchWebAuthFlow` (Chrome, Edge and Firefox have the same two calls). */
export interface WebAuthFlow {
  redirectUrl: () => string;
  /** Resolves with the URL the flow ended on (the redirect URL with its query), rejects when it could not finish. */
  launch: (details: { url: string; interactive: boolean }) => Promise<string>;
}

export type SsoOutcome =
  | { bound: EnrollResponse }
  /** The provider needs the person (no session, or a consent): only an interactive sign-in can go on. */
  | { needsInteraction: true; reason: string }
  | { failed: string; refused?: boolean };

/**
 * Signs this browser in through the organisation's identity provider, by the backend (its relying party): the
 * backend gives the provider's authorization URL, the browser opens it with launchWebAuthFlow, the provider sends
 * the person back to the backend, which redirects to the extension with a one-time code; the code is worth a token
 * only with the PKCE verifier that never left this background.
 */
export async function signInWithSso(
  api: EnrollmentApi,
  flow: WebAuthFlow,
  target: { backendUrl: string; enrollmentToken: string },
  options: { interactive: boolean; loginHint?: string },
): Promise<SsoOutcome> {
  const verifier = generateRandomCodeVerifier();
  const started = await api.startSso(target.backendUrl, {
    enrollmentToken: target.enrollmentToken,
    redirectUri: flow.redirectUrl(),
    codeChallenge: await calculatePKCECodeChallenge(verifier),
    interactive: options.interactive,
    ...(options.loginHint ? { loginHint: options.loginHint } : {}),
  });
  if (!started.ok) return failure(started);
  let landed: URL;
  try {
    landed = new URL(await flow.launch({ url: started.value.authorizationUrl, interactive: options.interactive }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // Chrome: "User interaction required"; Firefox: "Requires user interaction"; closing the window is a refusal.
    if (!options.interactive) return { needsInteraction: true, reason };
    return { failed: `the sign-in window closed before it finished (${reason})` };
  }
  if (landed.searchParams.get('state') !== started.value.requestId)
    return { failed: 'the sign-in came back for another request; try again' };
  const error = landed.searchParams.get('error');
  if (error) {
    if (['login_required', 'interaction_required', 'consent_required', 'account_selection_required'].includes(error))
      return { needsInteraction: true, reason: error };
    if (error === 'access_denied')
      return {
        failed: 'your organisation does not allow this account to use DeskLens with this team; ask your team lead',
        refused: true,
      };
    return { failed: `the identity provider answered ${error}` };
  }
  const code = landed.searchParams.get('code');
  if (!code) return { failed: 'the sign-in came back without a code' };
  const finished = await api.finishSso(target.backendUrl, {
    requestId: started.value.requestId,
    code,
    codeVerifier: verifier,
  });
  return finished.ok ? { bound: finished.value } : failure(finished);
}

function failure(answer: Extract<Answer<unknown>, { ok: false }>): SsoOutcome {
  return { failed: answer.message, refused: answer.status === 401 || answer.status === 403 };
}
