import browser from 'webextension-polyfill';
import { computeInsights, type InsightsSources, searchScripts } from '../insights';
import { rulesFrom } from '../insights/rules';
import type { Insights } from '../messaging';
import type { RemoteConfig } from '../schema/config';
import type { TicketContext } from '../schema/ticket';
import { catalogPullDue, pullCatalog, readCatalog } from './catalog';
import { scriptIndexFor } from './catalog-index';
import { connectionChanged } from './config';
import { database } from './db';
import { enroll, enrolledTokenFor, readAgentIdentity, rememberAgentIdentity } from './enroll';
import { currentFeedback } from './feedback';
import { startGenericAdapters } from './generic-adapters';
import { fetchRemoteConfig } from './remote-config';
import { handleMessage } from './router';
import { createSalesforceCaseReader, SALESFORCE_API_ORIGINS } from './salesforce-case';
import { loadEffectiveConfig, REMOTE_CONFIG_KEY, readAgentSettings, SETTINGS_KEY } from './settings-store';
import { createSlaNotifier } from './sla-notifier';
import { recordSlaOutcomes } from './sla-outcomes';
import { drainOutbox } from './sync';
import { recordSyncOutcome } from './sync-meta';
import { lookupCustomerTier } from './tier-cache';

const SYNC_ALARM = 'desklens-sync';

/**
 * Wires the background together. Called once per service-worker start; everything it needs to resume
 * (queued events, backoff times) is in IndexedDB, so a worker stopped mid-request picks up where it was.
 */
export function startBackground(): void {
  const db = database();
  let running: Promise<void> | undefined;
  let again = false;

  /** This browser's agent token for the configured server, enrolling first when policy or options allow it. */
  async function agentToken(backendUrl: string, enrollmentToken: string | undefined): Promise<string | undefined> {
    const existing = (await readAgentSettings()).agentToken ?? (await enrolledTokenFor(backendUrl));
    if (existing) return existing;
    const problem = (message: string) =>
      recordSyncOutcome(db, { sent: 0, quarantined: 0, stoppedBecause: message }, Date.now());
    if (!enrollmentToken) {
      await problem('no enrollment token: your organization’s policy or DeskLens options must provide one');
      return undefined;
    }
    const identity = await readAgentIdentity();
    if (!identity) {
      await problem('waiting to learn who you are: open your helpdesk, or enter your email in DeskLens options');
      return undefined;
    }
    const attempt = await enroll(backendUrl, enrollmentToken, identity);
    if ('error' in attempt) {
      await problem(attempt.error);
      return undefined;
    }
    return attempt.token;
  }

  async function syncOnce(ignoreBackoff: boolean): Promise<void> {
    const config = await loadEffectiveConfig();
    if (!config.backendUrl) return;
    const token = await agentToken(config.backendUrl, config.enrollmentToken);
    if (!token) return;
    await drainOutbox(db, { backendUrl: config.backendUrl, token }, { ignoreBackoff });
    // A trainer's publish or an admin's change reaches the agent within the configured interval, or at once on
    // "Sync now".
    if (ignoreBackoff || (await catalogPullDue(db, config.syncIntervalMinutes))) {
      const target = { backendUrl: config.backendUrl, token };
      const [pulled, remote] = await Promise.all([pullCatalog(db, target), fetchRemoteConfig(target)]);
      if ('error' in remote)
        await recordSyncOutcome(db, { sent: 0, quarantined: 0, stoppedBecause: remote.error }, Date.now());
      else await browser.storage.local.set({ [REMOTE_CONFIG_KEY]: remote });
      if (typeof pulled === 'object')
        await recordSyncOutcome(db, { sent: 0, quarantined: 0, stoppedBecause: pulled.error }, Date.now());
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
  /** The CRM's view of the customer, with the ticket's own tags (a "vip" tag on the ticket still counts). */
  async function customerFor(ticket: TicketContext) {
    const settings = await readAgentSettings();
    const config = await loadEffectiveConfig();
    const token = config.backendUrl ? (settings.agentToken ?? (await enrolledTokenFor(config.backendUrl))) : undefined;
    const found =
      config.backendUrl && token
        ? await lookupCustomerTier(db, { backendUrl: config.backendUrl, token }, ticket)
        : undefined;
    return found ? { ...found.customer, tags: [...new Set([...found.customer.tags, ...ticket.tags])] } : undefined;
  }
  /** What the figures for one ticket are computed from: the same for suggestions and for the agent's search. */
  async function insightsSources(ticket: TicketContext): Promise<InsightsSources> {
    const settings = await readAgentSettings();
    const customer = await customerFor(ticket);
    const stored = await browser.storage.local.get(REMOTE_CONFIG_KEY);
    return {
      ...rulesFrom(stored[REMOTE_CONFIG_KEY] as RemoteConfig | undefined),
      catalog: await readCatalog(db),
      scripts: await scriptIndexFor(db),
      agentName: settings.agentName,
      customer,
      now: Date.now(),
    };
  }

  async function insights(ticket: TicketContext): Promise<Insights> {
    const config = await loadEffectiveConfig();
    const result = computeInsights(ticket, await insightsSources(ticket));
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
        requestSync: () => void syncNow(),
        syncNow: () => syncNow(true),
        insights,
        salesforceCase: (pageUrl, caseId, caseStatus) => salesforce.caseRecord(pageUrl, caseId, caseStatus),
        searchScripts: async (ticket, query) => searchScripts(ticket, query, await insightsSources(ticket)),
        rememberIdentity: rememberAgentIdentity,
        statusSource: {
          backendUrl: async () => (await loadEffectiveConfig()).backendUrl,
          enrolled: async () => {
            const config = await loadEffectiveConfig();
            if (!config.backendUrl) return false;
            return Boolean((await readAgentSettings()).agentToken ?? (await enrolledTokenFor(config.backendUrl)));
          },
        },
      },
      message,
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
  // A new server address or credential connects at once (the options page, enrollment by policy), not at the
  // next alarm; the panel's collapsed state and other settings don't.
  browser.storage.onChanged.addListener((changes, area) => {
    if (connectionChanged(area, changes, SETTINGS_KEY)) void syncNow(true);
  });
  void syncNow();
  startGenericAdapters();
}
