import { batch, computed, effect, type ReadonlySignal, type Signal, signal, untracked } from '@preact/signals';
import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { FeaturePanel } from './features/panel';
import { KEPT_TICKETS } from './features/runtime';
import type { AnyFeature, FeatureHost, PageStore, PageView, TicketRun } from './features/types';
import { panelView } from './panel-view';

/** One `<desklens-overlay>` and the ticket whose panel it holds. */
interface PanelHost {
  element: HTMLElement;
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
    // Not a dataset hook: what assistive technology reads. The panel out of front is hidden by its styles.
    if (shown.value) element.removeAttribute('aria-hidden');
    else if (element.getAttribute('aria-hidden') !== 'true') element.setAttribute('aria-hidden', 'true');
    set('helpdesk', helpdesk);
    set('state', view.state.value);
    set('ticketId', run?.ticket.value.ticketId);
    set('tier', run?.insights.value?.tier?.id);
  });
}

/**
 * A panel per recent ticket, each in its own `<desklens-overlay>`; the one for the ticket in front is shown and has
 * `data-active="true"`, the others are hidden (components/overlay.css: their contents skipped, with what was laid out
 * kept, so a switch back to one costs the helpdesk's page no new text to diff, lay out or shape). A host is added
 * when a ticket comes to the front and every host holds a kept ticket, up to as many as the runtime keeps: a page that
 * shows one ticket (a helpdesk that loads a page per ticket) has one. Past that, a ticket not kept takes the host
 * longest out of sight and updates its panel in place.
 */
export async function mountPanelHosts(
  ctx: ContentScriptContext,
  options: { host: FeatureHost; page: PageStore; features: readonly AnyFeature[]; onFront: () => void },
): Promise<{ front: () => HTMLElement | undefined }> {
  const { host, page, features } = options;
  const hosts: PanelHost[] = [];
  const front = signal<PanelHost | undefined>(undefined);
  /**
   * A panel in a shadow host: its view of the page, the automation hooks, the features' views. A host added for a
   * ticket coming to the front renders in a microtask, like any other update of the panel: the runtime asks the
   * background for that ticket's figures first, so the answer is not kept waiting behind a first render.
   */
  const attach = (element: HTMLElement, container: Element, later = false) => {
    const panel: PanelHost = { element, run: signal(undefined), shownAt: 0 };
    const shown = computed(() => front.value === panel);
    const view = panelView(page, panel.run, shown);
    const stopReflect = reflectOnHost(element, host.helpdesk, view, shown);
    let detached = false;
    const draw = () => {
      if (!detached) render(<FeaturePanel host={host} page={view} features={features} />, container);
    };
    if (!later) draw();
    else
      queueMicrotask(() => {
        draw();
        // The dock follows the panel element, which exists from now on.
        if (front.peek() === panel) options.onFront();
      });
    hosts.push(panel);
    const detach = () => {
      detached = true;
      stopReflect();
      render(null, container);
    };
    return { panel, detach };
  };
  const first = await createShadowRootUi(ctx, {
    name: 'desklens-overlay',
    position: 'inline',
    // WXT's reset would be `:host { all: initial !important }`, which no inline style can outrank; the docking
    // needs the host's inline style (lib/overlay/dock.ts), which resets everything itself.
    inheritStyles: true,
    anchor: 'body',
    append: 'last',
    onMount: (container, _shadow, shadowHost) => attach(shadowHost, container).detach,
    onRemove(detach) {
      detach?.();
    },
  });
  first.mount();
  // The styles WXT loaded for the first host: the others take the same text, with no second fetch (and the browser
  // parses a style sheet's text once).
  const css = first.shadow.querySelector('style')?.textContent ?? '';
  /** Another host like WXT's (an open shadow root holding the styles and a container), at the end of the body. */
  const another = (): PanelHost => {
    const element = document.createElement('desklens-overlay');
    const shadow = element.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = css;
    const container = document.createElement('div');
    shadow.append(style, container);
    document.body.append(element);
    const { panel, detach } = attach(element, container, true);
    ctx.onInvalidated(() => {
      detach();
      element.remove();
    });
    return panel;
  };

  let shownCount = 0;
  const pick = (run: TicketRun | undefined): PanelHost | undefined => {
    const holding = hosts.find((panel) => panel.run.peek() === run);
    if (holding) return holding;
    // A host showing no ticket (the first, until a ticket is in front), then one whose ticket was let go, then a new
    // one while there are fewer than kept tickets, then the one longest out of sight.
    const free =
      hosts.find((panel) => panel.run.peek() === undefined) ??
      hosts.find((panel) => panel !== front.peek() && panel.run.peek()?.signal.aborted);
    if (free) return free;
    if (hosts.length < KEPT_TICKETS) return untracked(another);
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
