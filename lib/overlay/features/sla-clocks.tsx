import { effect } from '@preact/signals';
import { SlaClocks } from '../../../components/SlaClocks';
import { nextClockChange } from '../clock-ticks';
import { defineFeature } from './types';

/** Amber once a running target has less than this left (Zendesk's own badge turns amber at 15 minutes). */
export const URGENT_MS = 15 * 60_000;

/** Live countdowns for every running commitment, from absolute deadlines and the page's one ticker. */
export const slaClocks = defineFeature<undefined>({
  id: 'sla-clocks',
  switch: 'slaClocks',
  strings: [
    'slaNone',
    'slaLabel',
    'slaPaused',
    'slaFulfilled',
    'slaFulfilledLate',
    'slaBusinessHours',
    'slaBusinessHoursShort',
  ],
  messages: ['insights'],
  slice: () => undefined,
  /**
   * The page's one ticker, set for the next moment a clock in front shows something else rather than every second:
   * a clock reads in minutes for all but its last minute, so the helpdesk's page renders for it about once a minute
   * instead of sixty times. Every new answer (and every tick) sets it again.
   */
  setup: ({ page, signal }) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = effect(() => {
      const insights = page.active.value?.insights.value;
      const now = page.now.value;
      clearTimeout(timer);
      const wait = insights && nextClockChange(insights.sla, now - insights.computedAt, URGENT_MS);
      if (wait === undefined) return;
      timer = setTimeout(() => {
        page.now.value = Date.now();
      }, wait);
    });
    signal.addEventListener(
      'abort',
      () => {
        stop();
        clearTimeout(timer);
      },
      { once: true },
    );
  },
  views: {
    summary: ({ host, page, run }) => {
      const insights = run.insights.value;
      if (!insights) return null;
      return (
        <SlaClocks
          clocks={insights.sla}
          computedAt={insights.computedAt}
          now={page.now}
          lang={host.lang}
          t={host.t}
          urgentMs={URGENT_MS}
        />
      );
    },
  },
});
