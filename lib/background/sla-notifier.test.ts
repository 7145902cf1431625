import { expect, test, vi } from 'vitest';
import type { Insights } from '../messaging';
import { createSlaNotifier, planSlaNotifications } from './sla-notifier';

// vi.mock is hoisted above the imports: the notifier's module must load without an extension around it.
vi.mock('webextension-polyfill', () => ({ default: {} }));

const label = { en: 'First reply', zh_CN: '首次回复' };
function insights(sla: Partial<Insights['sla'][number]>[]): Insights {
  return {
    ticketId: '42',
    computedAt: 1_000_000,
    grade: 'normal',
    scripts: [],
    sla: sla.map((m, i) => ({
      metric: `m${i}`,
      label,
      state: 'active',
      breached: false,
      level: 'ok',
      deadline: `d${i}`,
      businessHours: false,
      msLeft: 60 * 60_000,
      targetMs: 4 * 60 * 60_000,
      ticking: true,
      cycle: 1,
      ...m,
    })),
  };
}

test('plans a reminder lead minutes before each running metric runs out, none for paused or breached', () => {
  const plan = planSlaNotifications(
    insights([{}, { state: 'paused', ticking: false }, { breached: true, msLeft: -1 }, { msLeft: 5 * 60_000 }]),
    15,
  );
  expect(plan.map((p) => [p.metric, p.when])).toEqual([
    ['m0', 1_000_000 + 45 * 60_000],
    ['m3', 1_000_000],
  ]);
});

test('notifies once per metric and deadline, even when scheduled again', async () => {
  let sent: Record<string, number> = {};
  const alarms = new Map<string, number>();
  const notified: unknown[] = [];
  const notifier = createSlaNotifier({
    now: () => 1_000_000,
    readSent: async () => ({ ...sent }),
    writeSent: async (next) => {
      sent = next;
    },
    setAlarm: (name, when) => alarms.set(name, when),
    metricName: (l) => l.en,
    notify: async (id, notice) => {
      notified.push([id, notice]);
    },
  });
  await notifier.schedule(insights([{}]), 15);
  await notifier.schedule(insights([{}]), 15);
  expect(alarms.size).toBe(1);
  const [name] = [...alarms.keys()];
  expect(await notifier.onAlarm(name as string)).toBe(true);
  expect(await notifier.onAlarm(name as string)).toBe(true);
  expect(notified).toEqual([['42|m0|d0', { ticketId: '42', metricName: 'First reply', leadMinutes: 15 }]]);
  alarms.clear();
  await notifier.schedule(insights([{}]), 15);
  expect(alarms.size).toBe(0);
  expect(await notifier.onAlarm('other-alarm')).toBe(false);
  // Lead of 0 turns reminders off.
  await notifier.schedule(insights([{ deadline: 'new' }]), 0);
  expect(alarms.size).toBe(0);
});
