import { SlaClocks } from '../../../components/SlaClocks';
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
