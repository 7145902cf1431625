import { effect } from '@preact/signals';
import { AdapterProblems, DegradedNotice } from '../../../components/DegradedNotice';
import { defineFeature } from './types';

/**
 * Says so when the helpdesk page is not understood any more (a selector stopped matching), instead of showing
 * another ticket's figures or nothing, and reports it once per set of missing parts so the adapter gets fixed.
 * Parts read only in part (a described helpdesk's date in another format, a pattern that never matches, a status no
 * map knows, a hidden dock anchor) keep the overlay working: a line under the ticket names them, and they are
 * reported the same way.
 */
export const health = defineFeature<undefined>({
  id: 'health',
  // Never switched off: an overlay that silently shows nothing is worse than one that says why.
  switch: 'always',
  strings: ['degraded', 'adapterProblems'],
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
    let reportedProblems = '';
    const stopProblems = effect(() => {
      const problems = page.problems.value;
      const key = problems.join('\n');
      if (key === reportedProblems) return;
      reportedProblems = key;
      if (problems.length > 0) host.reportHealth(problems.slice(0, 50));
    });
    signal.addEventListener('abort', stopProblems, { once: true });
  },
  views: {
    summary: ({ host, page }) =>
      page.problems.value.length > 0 ? (
        <AdapterProblems t={host.t} helpdesk={host.helpdesk} problems={page.problems.value} />
      ) : null,
  },
  Notice: ({ host, page }) => <DegradedNotice t={host.t} helpdesk={host.helpdesk} missing={page.missing.value} />,
});
