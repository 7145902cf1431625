import browser from 'webextension-polyfill';
import type { Insights } from '../messaging';

/** Alarm names carry everything needed to notify once the worker wakes: prefix, ticket, metric, deadline. */
const ALARM_PREFIX = 'desklens-sla|';
const SENT_KEY = 'slaNotified';
/** Sent keys older than this are forgotten (a deadline that far past will never be notified again anyway). */
const SENT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface PlannedNotification {
  /** One per ticket, metric and deadline: a new deadline (e.g. next reply time restarting) is a new reminder. */
  key: string;
  ticketId: string;
  metric: string;
  label: { en: string; zh_CN: string; zh_TW?: string };
  /** Epoch ms at which the reminder is due. */
  when: number;
}

/**
 * Which reminders are due for these insights: every running, not yet breached metric gets one at
 * `leadMinutes` before it runs out. Time left is in the target's own terms (business time for business-hours
 * targets), so the reminder is placed `msLeft - lead` from when the figures were computed; each new
 * computation re-plans it. Paused or fulfilled metrics get none. Pure.
 */
export function planSlaNotifications(insights: Insights, leadMinutes: number): PlannedNotification[] {
  const leadMs = leadMinutes * 60_000;
  return insights.sla
    .filter((m) => m.state === 'active' && !m.breached && m.ticking && m.msLeft > 0)
    .map((m) => ({
      key: `${insights.ticketId}|${m.metric}|${m.deadline ?? ''}`,
      ticketId: insights.ticketId,
      metric: m.metric,
      label: m.label,
      when: insights.computedAt + Math.max(0, m.msLeft - leadMs),
    }));
}

export interface NotifierDeps {
  now: () => number;
  readSent: () => Promise<Record<string, number>>;
  writeSent: (sent: Record<string, number>) => Promise<void>;
  setAlarm: (name: string, when: number) => void;
  /** The metric's name in the agent's language (the background has no overlay to ask). */
  metricName: (label: PlannedNotification['label']) => string;
  notify: (id: string, notice: { ticketId: string; metricName: string; leadMinutes: number }) => Promise<void>;
}

const translate = (key: string, substitutions?: string[]) => browser.i18n.getMessage(key, substitutions);

function browserDeps(): NotifierDeps {
  return {
    now: () => Date.now(),
    readSent: async () => ((await browser.storage.local.get(SENT_KEY))[SENT_KEY] as Record<string, number>) ?? {},
    writeSent: (sent) => browser.storage.local.set({ [SENT_KEY]: sent }),
    setAlarm: (name, when) => void browser.alarms.create(name, { when }),
    metricName: (label) => {
      const ui = browser.i18n.getUILanguage().toLowerCase();
      if (/^zh-(tw|hk|mo|hant)/.test(ui)) return label.zh_TW ?? label.zh_CN;
      return ui.startsWith('zh') ? label.zh_CN : label.en;
    },
    notify: async (id, { ticketId, metricName, leadMinutes }) => {
      await browser.notifications.create(id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: translate('slaNotifyTitle'),
        message: translate('slaNotifyBody', [metricName, ticketId, String(leadMinutes)]),
      });
    },
  };
}

/** Reminders for one ticket's metrics, once per metric and deadline, through alarms so a sleeping worker wakes. */
export function createSlaNotifier(deps: NotifierDeps = browserDeps()) {
  async function schedule(insights: Insights, leadMinutes: number): Promise<void> {
    if (leadMinutes <= 0) return;
    const sent = await deps.readSent();
    for (const planned of planSlaNotifications(insights, leadMinutes)) {
      if (sent[planned.key]) continue;
      // Alarms with the same name replace each other: re-planning after a refresh moves the reminder.
      // The alarm's name carries what the notice says, so a worker woken by it needs nothing else.
      const name = `${ALARM_PREFIX}${planned.key}#${leadMinutes}#${encodeURIComponent(deps.metricName(planned.label))}`;
      deps.setAlarm(name, Math.max(planned.when, deps.now() + 1000));
    }
  }

  /** Handles an alarm; returns false for alarms that are not ours. */
  async function onAlarm(name: string): Promise<boolean> {
    if (!name.startsWith(ALARM_PREFIX)) return false;
    const [key = '', lead = '0', encodedName = ''] = name.slice(ALARM_PREFIX.length).split('#');
    const [ticketId = '', metric = ''] = key.split('|');
    const sent = await deps.readSent();
    if (sent[key]) return true;
    const now = deps.now();
    for (const [k, at] of Object.entries(sent)) if (now - at > SENT_TTL_MS) delete sent[k];
    sent[key] = now;
    await deps.writeSent(sent);
    await deps.notify(key, {
      ticketId,
      metricName: decodeURIComponent(encodedName) || metric,
      leadMinutes: Number(lead),
    });
    return true;
  }

  return { schedule, onAlarm };
}
