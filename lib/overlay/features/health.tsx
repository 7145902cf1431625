import { effect } from '@preact/signals';
import { DegradedNotice } from '../../../components/DegradedNotice';
import { defineFeature } from './types';

/**
 * Says so when the helpdesk page is not understood any more (a selector stopped matching), instead of showing
 * another ticket's figures or nothing, and reports it once per set of missing parts so the adapter gets fixed.
 */
export const health = defineFeature<undefined>({
  id: 'health',
  // Never switched off: an overlay that silently shows nothing is worse than one that says why.
  switch: 'always',
  strings: ['degraded'],
  messages: ['reportHealth'],
  slice: () => undefined,
  setup({ host, page, signal }) {
    let reported = '';
    const stop = effect(() => {
      if (page.state.value !== 'degraded') {
        if (page.missing.value.length === 0) reported = '';
        return;
      }
      const key = page.missing.value.join(',');
      if (key === reported) return;
      reported = key;
      host.reportHealth(page.missing.value);
    });
    signal.addEventListener('abort', stop, { once: true });
  },
  views: {},
  Notice: ({ host, page }) => <DegradedNotice t={host.t} helpdesk={host.helpdesk} missing={page.missing.value} />,
});
