import { effect } from '@preact/signals';
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Overlay } from '../../components/Overlay';
import type { HelpdeskAdapter } from '../adapters/types';
import { askBackground } from '../messaging';
import { translate } from './i18n';
import { createOverlayStore, type OverlayStore } from './state';

/** How long a required part of the page may stay missing before the overlay calls itself degraded. */
const DEGRADED_AFTER_MS = 3000;

/** Keeps the automation contract (ARCHITECTURE.md "Stable hooks") on the shadow host in step with the store. */
function reflectOnHost(host: HTMLElement, helpdesk: string, store: OverlayStore): () => void {
  return effect(() => {
    host.dataset.active = 'true';
    host.dataset.helpdesk = helpdesk;
    host.dataset.state = store.state.value;
    const ticket = store.ticket.value;
    if (ticket) host.dataset.ticketId = ticket.ticketId;
    else delete host.dataset.ticketId;
    const tier = store.insights.value?.tier?.id;
    if (tier) host.dataset.tier = tier;
    else delete host.dataset.tier;
  });
}

/**
 * Mount the overlay for one helpdesk page and keep it on the ticket in front of the agent. Everything
 * here is tied to the content-script context and dies with it; no error escapes into the host page.
 */
export async function mountOverlay(ctx: ContentScriptContext, adapter: HelpdeskAdapter): Promise<void> {
  const store = createOverlayStore();
  const signal = ctx.signal;

  async function onScore(csat: number) {
    const ticket = store.ticket.value;
    if (!ticket) return;
    const answer = await askBackground({
      kind: 'captureFeedback',
      event: {
        type: 'feedback',
        helpdesk: ticket.helpdesk,
        ticketId: ticket.ticketId,
        customer: { id: ticket.requester?.id, email: ticket.requester?.email, name: ticket.requester?.name },
        csat,
        round: 'initial',
        retracted: false,
      },
    });
    if (answer.ok) {
      store.feedback.value = answer.value;
      store.error.value = undefined;
    } else store.error.value = translate('captureFailed', [answer.error]);
  }

  const ui = await createShadowRootUi(ctx, {
    name: 'desklens-overlay',
    position: 'inline',
    anchor: 'body',
    append: 'last',
    onMount(container, _shadow, host) {
      const stopReflect = reflectOnHost(host, adapter.helpdesk, store);
      render(<Overlay store={store} t={translate} onScore={onScore} />, container);
      return stopReflect;
    },
    onRemove(stopReflect) {
      stopReflect?.();
    },
  });
  ui.mount();

  let requestSeq = 0;
  let degradeTimer: ReturnType<typeof setTimeout> | undefined;
  let reportedMissing = '';
  signal.addEventListener('abort', () => clearTimeout(degradeTimer), { once: true });

  adapter.observe(signal, (snapshot) => {
    const previousId = store.ticket.value?.ticketId;
    const ticket = snapshot.ticket;
    store.ticket.value = ticket;
    if (ticket?.ticketId !== previousId) {
      store.feedback.value = undefined;
      store.insights.value = undefined;
      store.state.value = 'loading';
    }
    clearTimeout(degradeTimer);
    if (snapshot.missing.length > 0) {
      // Helpdesks render in stages: only a part still missing after the grace period means our selectors broke.
      if (store.state.value !== 'degraded') store.state.value = 'loading';
      degradeTimer = setTimeout(() => {
        store.missing.value = snapshot.missing;
        store.state.value = 'degraded';
        const key = snapshot.missing.join(',');
        if (key === reportedMissing) return;
        reportedMissing = key;
        void askBackground({
          kind: 'reportAdapterHealth',
          helpdesk: adapter.helpdesk,
          missing: snapshot.missing,
          pageUrl: location.href,
        });
      }, DEGRADED_AFTER_MS);
      return;
    }
    store.missing.value = [];
    reportedMissing = '';
    if (!ticket) {
      store.state.value = 'loading';
      return;
    }
    // A newer ticket switch wins over a slower answer for the previous one.
    const seq = ++requestSeq;
    void askBackground({ kind: 'getTicketFeedback', helpdesk: ticket.helpdesk, ticketId: ticket.ticketId }).then(
      (answer) => {
        if (seq !== requestSeq || signal.aborted) return;
        if (answer.ok) store.feedback.value = answer.value.current;
        store.state.value = 'ready';
      },
    );
  });
}
