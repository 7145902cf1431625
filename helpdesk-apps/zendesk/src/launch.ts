/**
 * What the DeskLens server put in the sidebar page when Zendesk asked for it with a signed token: the session of
 * the agent Zendesk vouched for, or why there is none (server/zendesk-app/sidebar.ts).
 */
export type Launch =
  | { session: { token: string; expiresAt: string; agent: { name: string; email: string } } }
  | { refused: { code: string; message: string } };

/** Reads the launch data once and takes it out of the page. */
export function takeLaunch(doc: Pick<Document, 'getElementById'> = document): Launch | undefined {
  const element = doc.getElementById('desklens-launch');
  if (!element) return undefined;
  element.remove();
  try {
    const launch = JSON.parse(element.textContent ?? '') as Partial<Launch>;
    if ('session' in launch && typeof launch.session?.token === 'string') return launch as Launch;
    if ('refused' in launch && typeof launch.refused?.code === 'string') return launch as Launch;
  } catch {
    // Unreadable: treated like no launch data at all.
  }
  return undefined;
}

/** The message key that tells the agent what to do about a refusal (public/_locales). */
export function refusalMessage(code: string): string {
  switch (code) {
    case 'zendesk_app_not_configured':
      return 'appKeyNotConfigured';
    case 'zendesk_token_missing':
      return 'appNotSigned';
    case 'zendesk_user_not_linked':
      return 'appAgentNotLinked';
    case 'user_deactivated':
      return 'appAgentDeactivated';
    case 'user_without_team':
      return 'appAgentNoTeam';
    default:
      return 'appIdentityRefused';
  }
}
