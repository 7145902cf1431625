import { batch, computed, effect, type ReadonlySignal, type Signal, signal } from '@preact/signals';
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { FeaturePanel } from './features/panel';
import { KEPT_TICKETS } from './features/runtime';
import type { AnyFeature, FeatureHost, PageStore, PageView, TicketRun } from './features/types';
import { panelView } from './panel-view';

/** One `<desklens-overlay>` and the ticket whose panel it holds. */
interface PanelHost {
  element?: HTMLElement;
  run: Signal<TicketRun | undefined>;
  /** When it last came to the front: the one longest out of sight is reused for a ticket not kept. */
  shownAt: number;
}

/** Keeps the automation contract (ARCHITECTURE.md "Stable hooks") on each shadow host in step with its panel. */
function reflectOnHost(element: HTMLElement, helpdesk: string, view: PageView, shown: ReadonlySignal<boolean>) {
  // Written only when they change: each write is a mutation the helpdesk's own observers may see.
  const set = (name: string, value: string | undefined) => {
    if (value === undefined) {
      if (name in element.dataset) delete element.dataset[name];
    } else if (element.dataset[name] !== value) element.dataset[name] = value;
  };
  return effect(() => {
    const run = view.active.value;
    set('active', shown.value ? 'true' : 'false');
    set('helpdesk', helpdesk);
    set('state', view.state.value);
    set('ticketId', run?.ticket.value.ticketId);
    set('tier', run?.insights.value?.tier?.id);
  });
}

/**
 * A panel per recent ticket, each in its own `<desklens-overlay>`; the one for the ticket in front is shown and has
 * `data-active="true"`, the others are hidden (`visibility`, which keeps their layout: a switch back to one costs the
 * helpdesk's page no new text to diff, lay out or shape). As many hosts as the runtime keeps tickets, so every kept
 * ticket has its panel; a ticket not kept takes the host longest out of sight and updates its panel in place.
 */
export async function mountPanelHosts(
  ctx: ContentScriptContext,
  options: { host: FeatureHost; page: PageStore; features: readonly AnyFeature[]; onFront: () => void },
): Promise<{ front: () => HTMLElement | undefined }> {
  const { host, page, features } = options;
  const hosts: PanelHost[] = [];
  const front = signal<PanelHost | undefined>(undefined);
  const uis = await Promise.all(
    Array.from({ length: KEPT_TICKETS }, () => {
      const panel: PanelHost = { run: signal(undefined), shownAt: 0 };
      const shown = computed(() => front.value === panel);
      const view = panelView(page, panel.run, shown);
      return createShadowRootUi(ctx, {
        name: 'desklens-overlay',
        position: 'inline',
        // WXT's reset would be `:host { all: initial !important }`, which no inline style can outrank; the docking
        // needs the host's inline style (lib/overlay/dock.ts), which resets everything itself.
        inheritStyles: true,
        anchor: 'body',
        append: 'last',
        onMount(container, _shadow, shadowHost) {
          panel.element = shadowHost;
          hosts.push(panel);
          const stopReflect = reflectOnHost(shadowHost, host.helpdesk, view, shown);
          render(<FeaturePanel host={host} page={view} features={features} />, container);
          return stopReflect;
        },
        onRemove(stopReflect) {
          stopReflect?.();
        },
      });
    }),
  );
  for (const ui of uis) ui.mount();

  let shownCount = 0;
  const pick = (run: TicketRun | undefined): PanelHost | undefined => {
    const holding = hosts.find((panel) => panel.run.peek() === run);
    if (holding) return holding;
    // A host whose ticket was let go first, then the one longest out of sight.
    const free = hosts.find((panel) => panel !== front.peek() && panel.run.peek()?.signal.aborted);
    if (free) return free;
    return hosts.filter((panel) => panel !== front.peek()).sort((a, b) => a.shownAt - b.shownAt)[0] ?? front.peek();
  };
  const stop = effect(() => {
    const run = page.active.value;
    const panel = pick(run);
    if (!panel) return;
    panel.shownAt = ++shownCount;
    if (panel === front.peek() && panel.run.peek() === run) return;
    batch(() => {
      panel.run.value = run;
      front.value = panel;
    });
    options.onFront();
  });
  ctx.signal.addEventListener('abort', stop, { once: true });
  return { front: () => front.peek()?.element };
}
