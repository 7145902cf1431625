import type { EffectiveConfig } from '../../schema/config';
import type { EnrollResponse, IdentityMode, IdentityState } from '../../schema/identity';
import type { Vault } from '../vault';
import type { EnrollmentApi } from './api';
import { signInWithSso, type WebAuthFlow } from './sso';

export interface IdentityDeps {
  vault: Vault;
  api: EnrollmentApi;
  flow: WebAuthFlow;
  now: () => number;
  /** 32 random bytes, base64url: the secret an approval request is proven with. */
  randomSecret: () => string;
  /** Tells the agent they need to act (a notification); called when that need begins, not at every sync. */
  askToSignIn: (mode: 'sso' | 'password') => void;
}

/** A silent SSO attempt that found no provider session is tried again after this long (or when the agent asks). */
const SILENT_SSO_RETRY_MS = 10 * 60_000;
/** …or after this long when the agent opens their helpdesk (each page load reports who is signed in). */
const SILENT_SSO_AFTER_VISIT_MS = 5_000;
/** How long the organisation's preferred mode, as the server said, is trusted before asking again. */
const SERVER_MODES_TTL_MS = 60 * 60_000;

export type SignInAnswer = { ok: true; state: IdentityState } | { ok: false; error: string };

/**
 * How this browser comes to hold a token of its own (docs/admin/identity.md), by the mode the policy sets, else the
 * organisation prefers: SSO signs in silently when the provider still has a session and asks the agent otherwise;
 * password waits for the agent to sign in once; approval asks for the email the helpdesk reported and polls until a
 * lead decides. Scores captured meanwhile stay in the outbox; nothing here ever drops them.
 */
export function createIdentity(deps: IdentityDeps) {
  const { vault, api } = deps;

  async function setState(next: IdentityState): Promise<void> {
    const before = await vault.get('identityState');
    await vault.set('identityState', next);
    const newNeed = next.state === 'needs_sign_in' && (before?.state !== 'needs_sign_in' || before.mode !== next.mode);
    if (newNeed) deps.askToSignIn(next.mode);
  }

  async function bind(backendUrl: string, enrolled: EnrollResponse): Promise<string> {
    await vault.set('binding', {
      backendUrl,
      token: enrolled.token,
      agentId: enrolled.agent.id,
      email: enrolled.agent.email,
      teamId: enrolled.teamId,
      deviceId: enrolled.deviceId,
      method: enrolled.method,
      boundAt: new Date(deps.now()).toISOString(),
    });
    await vault.delete('pendingDevice');
    await vault.delete('silentSsoFailedAt');
    await setState({
      state: 'bound',
      method: enrolled.method,
      email: enrolled.agent.email,
      since: new Date(deps.now()).toISOString(),
    });
    return enrolled.token;
  }

  /** A token pasted in options (demo, development) wins; otherwise the one this browser was given by this server. */
  async function currentToken(backendUrl: string): Promise<string | undefined> {
    const pasted = (await vault.get('connection'))?.agentToken;
    if (pasted) return pasted;
    const binding = await vault.get('binding');
    return binding?.backendUrl === backendUrl ? binding.token : undefined;
  }

  /** Policy decides; without one, what the organisation prefers (asked of the server); else approval. */
  async function modeFor(
    config: EffectiveConfig & { backendUrl: string; enrollmentToken: string },
  ): Promise<IdentityMode> {
    if (config.identity) return config.identity;
    const key = `${config.backendUrl}\u0000${config.enrollmentToken.slice(0, 12)}`;
    const cached = await vault.get('serverModes');
    if (cached?.key === key && deps.now() - cached.fetchedAt < SERVER_MODES_TTL_MS) return cached.preferredMode;
    const answer = await api.options(config.backendUrl, config.enrollmentToken);
    if (!answer.ok) return cached?.preferredMode ?? 'approval';
    await vault.set('serverModes', { key, ...answer.value, fetchedAt: deps.now() });
    return answer.value.preferredMode;
  }

  async function approval(backendUrl: string, enrollmentToken: string, force: boolean): Promise<string | undefined> {
    const pending = await vault.get('pendingDevice');
    if (pending?.backendUrl === backendUrl) {
      const answer = await api.claim(backendUrl, pending.deviceId, pending.deviceSecret);
      if (answer.ok && answer.status === 201 && 'token' in answer.value) return bind(backendUrl, answer.value);
      if (answer.ok) {
        await setState({
          state: 'pending_approval',
          email: pending.email,
          since: pending.requestedAt,
          expiresAt: pending.expiresAt,
        });
        return undefined;
      }
      if (answer.status === 403) {
        await vault.delete('pendingDevice');
        await setState({ state: 'refused', reason: answer.message });
        return undefined;
      }
      if (answer.status !== 404 && answer.status !== 410) {
        await setState({ state: 'error', reason: answer.message });
        return undefined;
      }
      // Expired or gone: ask again below.
      await vault.delete('pendingDevice');
    }
    // A lead said no: the agent asks again themselves (popup or options), never this loop behind their back.
    if (!force && (await vault.get('identityState'))?.state === 'refused') return undefined;
    const email = (await vault.get('connection'))?.agentEmail ?? (await vault.get('reportedIdentity'))?.email;
    if (!email) {
      await setState({ state: 'needs_email' });
      return undefined;
    }
    const reported = await vault.get('reportedIdentity');
    const deviceSecret = deps.randomSecret();
    const asked = await api.requestApproval(backendUrl, {
      enrollmentToken,
      agent: {
        email,
        ...(reported?.email === email && reported.name ? { name: reported.name } : {}),
        ...(reported?.email === email && reported.helpdeskUserId ? { helpdeskUserId: reported.helpdeskUserId } : {}),
      },
      deviceSecret,
    });
    if (!asked.ok) {
      await setState(
        asked.status === 403 ? { state: 'refused', reason: asked.message } : { state: 'error', reason: asked.message },
      );
      return undefined;
    }
    const requestedAt = new Date(deps.now()).toISOString();
    await vault.set('pendingDevice', {
      backendUrl,
      deviceId: asked.value.deviceId,
      deviceSecret,
      email: asked.value.email,
      requestedAt,
      expiresAt: asked.value.expiresAt,
    });
    await setState({
      state: 'pending_approval',
      email: asked.value.email,
      since: requestedAt,
      expiresAt: asked.value.expiresAt,
    });
    return undefined;
  }

  async function sso(backendUrl: string, enrollmentToken: string, interactive: boolean): Promise<string | undefined> {
    if (!interactive) {
      const failedAt = await vault.get('silentSsoFailedAt');
      if (failedAt !== undefined && deps.now() - failedAt < SILENT_SSO_RETRY_MS) return undefined;
    }
    const loginHint = (await vault.get('connection'))?.agentEmail ?? (await vault.get('reportedIdentity'))?.email;
    const outcome = await signInWithSso(api, deps.flow, { backendUrl, enrollmentToken }, { interactive, loginHint });
    if ('bound' in outcome) return bind(backendUrl, outcome.bound);
    if ('needsInteraction' in outcome) {
      await vault.set('silentSsoFailedAt', deps.now());
      await setState({ state: 'needs_sign_in', mode: 'sso', reason: outcome.reason });
      return undefined;
    }
    await setState(
      outcome.refused ? { state: 'refused', reason: outcome.failed } : { state: 'error', reason: outcome.failed },
    );
    return undefined;
  }

  type Ready = EffectiveConfig & { backendUrl: string; enrollmentToken: string };
  const ready = (config: EffectiveConfig): config is Ready => Boolean(config.backendUrl && config.enrollmentToken);

  return {
    currentToken,
    /**
     * This browser's token for the configured server, proving who uses it first when it has none. Never opens a
     * window: called on every sync.
     */
    async token(config: EffectiveConfig): Promise<string | undefined> {
      if (!config.backendUrl) {
        await setState({ state: 'not_configured' });
        return undefined;
      }
      const existing = await currentToken(config.backendUrl);
      if (existing) return existing;
      if (!ready(config)) {
        await setState({ state: 'not_configured' });
        return undefined;
      }
      const mode = await modeFor(config);
      if (mode === 'approval') return approval(config.backendUrl, config.enrollmentToken, false);
      if (mode === 'sso') return sso(config.backendUrl, config.enrollmentToken, false);
      await setState({ state: 'needs_sign_in', mode: 'password' });
      return undefined;
    },

    /** The token the caller used was refused (revoked, expired, user deactivated): forget it, prove it again. */
    async tokenRefused(token: string): Promise<void> {
      const binding = await vault.get('binding');
      if (binding?.token !== token) return;
      await vault.delete('binding');
      await setState({ state: 'error', reason: 'the server no longer accepts this browser’s token' });
    },

    /** The agent asked to sign in (popup or options); for SSO this opens the provider's window. */
    async signIn(
      config: EffectiveConfig,
      request: { mode: 'sso' } | { mode: 'password'; email: string; password: string } | { mode: 'approval' },
    ): Promise<SignInAnswer> {
      if (!ready(config)) return { ok: false, error: 'no DeskLens server or enrollment token is set up yet' };
      if (request.mode === 'sso') await sso(config.backendUrl, config.enrollmentToken, true);
      else if (request.mode === 'approval') await approval(config.backendUrl, config.enrollmentToken, true);
      else {
        const answer = await api.password(config.backendUrl, {
          enrollmentToken: config.enrollmentToken,
          email: request.email,
          password: request.password,
        });
        if (!answer.ok) return { ok: false, error: answer.message };
        await bind(config.backendUrl, answer.value);
      }
      return { ok: true, state: (await vault.get('identityState')) ?? { state: 'not_configured' } };
    },

    /** Forgets this browser's token and any request; queued scores stay queued for whoever signs in next. */
    async signOut(): Promise<void> {
      await vault.delete('binding');
      await vault.delete('pendingDevice');
      await vault.set('identityState', { state: 'not_configured' });
    },

    async state(): Promise<IdentityState> {
      return (await vault.get('identityState')) ?? { state: 'not_configured' };
    },

    /**
     * The email the helpdesk page reports: a hint for approval requests and SSO, nothing more. The agent opening
     * their helpdesk is also the moment they are most likely signed in to the provider by now, so a silent SSO
     * that found no session is tried again at the next sync rather than ten minutes later.
     * @returns how long (ms) before that silent attempt may run; 0 when it may run now.
     */
    async rememberReported(identity: { email: string; name?: string; helpdeskUserId?: string }): Promise<number> {
      await vault.set('reportedIdentity', identity);
      const failedAt = await vault.get('silentSsoFailedAt');
      if (failedAt === undefined) return 0;
      const since = deps.now() - failedAt;
      if (since >= SILENT_SSO_AFTER_VISIT_MS) {
        await vault.delete('silentSsoFailedAt');
        return 0;
      }
      // The attempt that just failed may have raced the agent's own sign-in to the provider (a browser starting up
      // while they sign in): try again once the short pause is over, not ten minutes later. The caller syncs then.
      await vault.set('silentSsoFailedAt', failedAt - (SILENT_SSO_RETRY_MS - SILENT_SSO_AFTER_VISIT_MS));
      return SILENT_SSO_AFTER_VISIT_MS - since;
    },
  };
}
export type Identity = ReturnType<typeof createIdentity>;
