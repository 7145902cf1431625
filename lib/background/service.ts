import browser from 'webextension-polyfill';
import type { Insights } from '../messaging';
import type { TicketContext } from '../schema/ticket';
import { DEFAULT_CATALOG } from '../scripts/default-catalog';
import { database } from './db';
import { computeInsights } from './insights';
import { handleMessage } from './router';
import { loadEffectiveConfig, readAgentSettings, readAgentToken } from './settings-store';
import { drainOutbox } from './sync';

const SYNC_ALARM = 'desklens-sync';

/**
 * Wires the background together. Called once per service-worker start; everything it needs to resume
 * (queued events, backoff times) is in IndexedDB, so a worker stopped mid-request picks up where it was.
 */
export function startBackground(): void {
  const db = database();
  let running: Promise<void> | undefined;
  let again = false;

  async function syncOnce(): Promise<void> {
    const [config, token] = await Promise.all([loadEffectiveConfig(), readAgentToken()]);
    if (!config.backendUrl || !token) return;
    await drainOutbox(db, { backendUrl: config.backendUrl, token });
  }

  /** Single flight: a request during a run schedules exactly one more run. */
  function syncNow(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await syncOnce().catch(() => undefined);
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  }

  async function insights(ticket: TicketContext): Promise<Insights> {
    const settings = await readAgentSettings();
    return computeInsights(ticket, { catalog: DEFAULT_CATALOG, agentName: settings.agentName, now: Date.now() });
  }

  browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
    // Only our own content scripts and pages may talk to the background.
    if (sender.id !== browser.runtime.id) return undefined;
    return handleMessage(
      {
        db,
        requestSync: () => void syncNow(),
        syncNow,
        insights,
        statusSource: {
          backendUrl: async () => (await loadEffectiveConfig()).backendUrl,
          enrolled: async () => Boolean(await readAgentToken()),
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
  browser.runtime.onStartup.addListener(() => void syncNow());
  self.addEventListener('online', () => void syncNow());
  void syncNow();
}
