import { generateRandomState } from 'oauth4webapi';
import browser from 'webextension-polyfill';
import { computeInsightsShowing, type InsightsSources, searchScriptsShowing } from '../insights';
import { rulesFrom } from '../insights/rules';
import type { Insights } from '../messaging';
import type { RemoteConfig } from '../schema/config';
import type { TicketContext } from '../schema/ticket';
import type { ScriptIndex } from '../scripts/rank';
import { catalogPullDue, pullCatalog } from './catalog';
import { scriptIndexFor, showSuggestions } from './catalog-index';
import { policyConnectionChanged } from './config';
import { database } from './db';
import { currentFeedback } from './feedback';
import { startGenericAdapters } from './generic-adapters';
import { enrollmentApi } from './identity/api';
import { createIdentity } from './identity/identity';
import { fetchRemoteConfig } from './remote-config';
import { handleMessage } from './router';
import { createSalesforceCaseReader, SALESFORCE_API_ORIGINS } from './salesforce-case';
import {
  loadEffectiveConfig,
  onLateManagedPolicy,
  REMOTE_CONFIG_KEY,
  readAgentSettings,
  vault,
} from './settings-store';
import { createSlaNotifier } from './sla-notifier';
import { recordSlaOutcomes } from './sla-outcomes';
import { drainOutbox } from './sync';
import { recordSyncOutcome } from './sync-meta';
import { lookupCustomerTier } from './tier-cache';
import { moveCredentialsOutOfStorage } from './vault';

const SYNC_ALARM = 'desklens-sync';
const SIGN_IN_NOTIFICATION = 'desklens-sign-in';

/**
 * Wires the background together. Called once per service-worker start; everything it needs to resume
 * (queued events, backoff times) is in IndexedDB, so a worker stopped mid-request picks up where it was.
 */
export function startBackground(): void {
  const db = database();
  let running: Promise<void> | undefined;
  let again = false;

  const store = vault();
  // Earlier versions kept the server, tokens and identity where content scripts can reach them: move them first.
  const ready = moveCredentialsOutOfStorage(store).catch(() => undefined);
  const identity = createIdentity({
    vault: store,
    api: enrollmentApi,
    flow: {
      redirectUrl: () => browser.identity.getRedirectURL(),
      launch: (details) => browser.identity.launchWebAuthFlow(details),
    },
    now: Date.now,
    // 32 random bytes, base64url: the same shape as an OAuth state.
    randomSecret: generateRandomState,
    askToSignIn: (mode) => void askToSignIn(mode),
  });

  /** A notification that asks the agent to sign in; clicking it opens the provider (SSO) or the options (password). */
  async function askToSignIn(mode: 'sso' | 'password'): Promise<void> {
    await browser.notifications
      .create(SIGN_IN_NOTIFICATION, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: browser.i18n.getMessage('signInNotificationTitle'),
        message: browser.i18n.getMessage(mode === 'sso' ? 'signInNotificationSso' : 'signInNotificationPassword'),
      })
      .catch(() => undefined);
  }
  browser.notifications.onClicked.addListener((id) => {
    if (id !== SIGN_IN_NOTIFICATION) return;
    void browser.notifications.clear(id);
    void (async () => {
      const config = await loadEffectiveConfig();
      const state = await identity.state();
      if (state.state === 'needs_sign_in' && state.mode === 'password') await browser.runtime.openOptionsPage();
      else if ((await identity.signIn(config, { mode: 'sso' })).ok) await syncNow(true);
    })().catch(() => undefined);
  });

  async function syncOnce(ignoreBackoff: boolean): Promise<void> {
    await ready;
    const config = await loadEffectiveConfig();
    if (!config.backendUrl) return;
    let token = await identity.token(config);
    if (!token) return;
    const drained = await drainOutbox(db, { backendUrl: config.backendUrl, token }, { ignoreBackoff });
    if (drained.tokenRefused) {
      // Revoked or expired: prove who uses this browser again (silently where SSO can); the scores stay queued.
      await identity.tokenRefused(token);
      token = await identity.token(config);
      if (!token) return;
      await drainOutbox(db, { backendUrl: config.backendUrl, token }, { ignoreBackoff });
    }
    // A trainer's publish or an admin's change reaches the agent within the configured interval, or at once on
    // "Sync now".
    if (ignoreBackoff || (await catalogPullDue(db, config.syncIntervalMinutes))) {
      const target = { backendUrl: config.backendUrl, token, extensionVersion: browser.runtime.getManifest().version };
      const [pulled, remote] = await Promise.all([pullCatalog(db, target), fetchRemoteConfig(target)]);
      if ('error' in remote)
        await recordSyncOutcome(db, { sent: 0, quarantined: 0, stoppedBecause: remote.error }, Date.now());
      else await browser.storage.local.set({ [REMOTE_CONFIG_KEY]: remote });
      if (typeof pulled === 'object')
        await recordSyncOutcome(db, { sent: 0, quarantined: 0, stoppedBecause: pulled.error }, Date.now());
      if (('error' in remote && remote.tokenRefused) || (typeof pulled === 'object' && pulled.tokenRefused))
        await identity.tokenRefused(token);
    }
  }

  let forceNext = false;
  /**
   * Single flight: a request during a run schedules exactly one more run. `force` skips the backoff of rows
   * that failed before, for when the agent asks or the network comes back.
   */
  function syncNow(force = false): Promise<void> {
    forceNext ||= force;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        const ignoreBackoff = forceNext;
        forceNext = false;
        await syncOnce(ignoreBackoff).catch(() => undefined);
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  const slaNotifier = createSlaNotifier();
  const salesforce = createSalesforceCaseReader({
    hasAccess: () => browser.permissions.contains({ permissions: ['cookies'], origins: SALESFORCE_API_ORIGINS }),
    sessionId: async (apiOrigin) => (await browser.cookies.get({ url: `${apiOrigin}/`, name: 'sid' }))?.value,
    fetch: (input, init) => fetch(input, init),
    now: Date.now,
  });
  browser.permissions.onAdded.addListener(() => salesforce.forget());
  browser.permissions.onRemoved.addListener(() => salesforce.forget());
  /** What the figures for one ticket are computed from: the same for suggestions and for the agent's search. */
  async function insightsSources(ticket: TicketContext): Promise<InsightsSources & { scripts: ScriptIndex }> {
    const settings = await readAgentSettings();
    const config = await loadEffectiveConfig();
    const token = config.backendUrl ? await identity.currentToken(config.backendUrl) : undefined;
    const found =
      config.backendUrl && token
        ? await lookupCustomerTier(db, { backendUrl: config.backendUrl, token }, ticket)
        : undefined;
    // The CRM's view of the customer, with the ticket's own tags (a "vip" tag on the ticket still counts).
    const customer = found
      ? { ...found.customer, tags: [...new Set([...found.customer.tags, ...ticket.tags])] }
      : undefined;
    const stored = await browser.storage.local.get(REMOTE_CONFIG_KEY);
    return {
      ...rulesFrom(stored[REMOTE_CONFIG_KEY] as RemoteConfig | undefined),
      // The index alone: a woken worker ranks with it and reads only the catalog rows it shows (insights below).
      scripts: await scriptIndexFor(db),
      agentName: settings.agentName,
      customer,
      now: Date.now(),
    };
  }

  async function insights(ticket: TicketContext): Promise<Insights> {
    const config = await loadEffectiveConfig();
    const sources = await insightsSources(ticket);
    const result = await computeInsightsShowing(ticket, sources, (pending) =>
      showSuggestions(db, sources.scripts, pending),
    );
    // No reminders for clocks the organisation switched off.
    if (config.features.slaClocks)
      void slaNotifier.schedule(result, config.notificationLeadMinutes).catch(() => undefined);
    // Met and breached targets become SLA events for the leads' attainment figures (once per outcome).
    void recordSlaOutcomes(db, ticket, result.sla)
      .then((queued) => (queued > 0 ? syncNow() : undefined))
      .catch(() => undefined);
    return { ...result, feedback: await currentFeedback(db, ticket.helpdesk, ticket.ticketId) };
  }

  browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
    // Only our own content scripts and pages may talk to the background.
    if (sender.id !== browser.runtime.id) return undefined;
    return handleMessage(
      {
        db,
        extensionOrigin: browser.runtime.getURL('/'),
        extensionVersion: browser.runtime.getManifest().version,
        identity,
        readConnection: async () => (await store.get('connection')) ?? {},
        saveConnection: async (changes) => {
          const next: Record<string, string> = { ...(await store.get('connection')) };
          for (const [key, value] of Object.entries(changes)) {
            if (value === null) delete next[key];
            else if (value !== undefined) next[key] = value;
          }
          await store.set('connection', next);
          // A new server address or credential connects at once, not at the next alarm.
          void syncNow(true);
        },
        requestSync: () => void syncNow(),
        syncNow: () => syncNow(true),
        insights,
        salesforceCase: (pageUrl, caseId, caseStatus) => salesforce.caseRecord(pageUrl, caseId, caseStatus),
        searchScripts: async (ticket, query) => {
          const sources = await insightsSources(ticket);
          return searchScriptsShowing(ticket, query, sources, (pending) =>
            showSuggestions(db, sources.scripts, pending),
          );
        },
        statusSource: {
          backendUrl: async () => (await loadEffectiveConfig()).backendUrl,
          enrolled: async () => {
            const config = await loadEffectiveConfig();
            return Boolean(config.backendUrl && (await identity.currentToken(config.backendUrl)));
          },
          identity: () => identity.state(),
        },
      },
      message,
      sender,
    );
  });

  void loadEffectiveConfig().then((config) =>
    browser.alarms.create(SYNC_ALARM, { periodInMinutes: Math.min(1, config.syncIntervalMinutes) }),
  );
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void syncNow();
  });
  browser.alarms.onAlarm.addListener((alarm) => void slaNotifier.onAlarm(alarm.name).catch(() => undefined));
  browser.runtime.onStartup.addListener(() => void syncNow());
  self.addEventListener('online', () => void syncNow(true));
  // A policy's new server address, enrollment token or identity mode connects at once, not at the next alarm.
  browser.storage.onChanged.addListener((changes, area) => {
    if (policyConnectionChanged(area, changes)) void syncNow(true);
  });
  // A policy the browser gave only after a sync went on without it may hold the server or the token: connect now.
  onLateManagedPolicy(() => void syncNow(true));
  void syncNow();
  startGenericAdapters();
}
