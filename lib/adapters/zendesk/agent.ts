import { askBackground } from '../../messaging';

/**
 * Tell the background who is signed in to Zendesk (`/api/v2/users/me.json`, same origin, the agent's own
 * session): the email an approval request names (a lead decides) and the SSO login hint, never proof of identity.
 * One request per page load; the answer is untrusted and only its email, name and id are passed on.
 */
export async function reportZendeskAgent(win: Window): Promise<void> {
  try {
    // Firefox runs content-script fetches as the extension, where a relative URL means nothing;
    // `content.fetch` is the page's own, with the agent's session.
    const pageFetch = (win as Window & { content?: Window }).content?.fetch ?? win.fetch;
    const url = new URL('/api/v2/users/me.json', win.location.href).href;
    const response = await pageFetch.call(win, url, {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    if (!response.ok) return;
    const body = (await response.json()) as { user?: { id?: unknown; name?: unknown; email?: unknown } };
    const user = body.user;
    if (!user || typeof user.email !== 'string' || !user.email.includes('@')) return;
    await askBackground({
      kind: 'reportAgentIdentity',
      helpdesk: 'zendesk',
      email: user.email.slice(0, 320),
      name: typeof user.name === 'string' ? user.name.slice(0, 200) : undefined,
      helpdeskUserId: typeof user.id === 'number' || typeof user.id === 'string' ? String(user.id) : undefined,
    });
  } catch {
    // Not signed in, offline, or not a Zendesk we can ask: the agent can still set their email in options.
  }
}
