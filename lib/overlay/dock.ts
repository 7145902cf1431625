import type { HelpdeskAdapter } from '../adapters/types';

/**
 * Docking by the ticket header without putting our element into the helpdesk's own tree. An inert, attribute-less
 * `<desklens-dock>` spacer goes right after the header block and takes the overlay's height, so the conversation
 * moves down instead of being covered; the overlay itself stays at the end of `<body>` (where automation and the
 * helpdesk's own `[data-ticket-id]` lookups expect nothing of ours) and is drawn, fixed, over the spacer.
 */
const SPACER_TAG = 'desklens-dock';
const GAP = 6;

export interface DockGeometry {
  top: number;
  left: number;
  width: number;
}

/**
 * Where the docked overlay is drawn: over the spacer, or pinned to the top of the pane that scrolls it (like a
 * sticky header) once the header has scrolled away. `undefined`: the spacer is not on screen (use the corner).
 */
export function dockGeometry(
  spacer: { top: number; left: number; width: number; height: number; bottom: number },
  scroller: { top: number; bottom: number } | undefined,
  viewportHeight: number,
): DockGeometry | undefined {
  if (spacer.width === 0) return undefined; // in a hidden pane
  const floor = Math.max(0, scroller?.top ?? 0);
  const ceiling = Math.min(viewportHeight, scroller?.bottom ?? viewportHeight);
  if (ceiling - floor < 40) return undefined;
  const top = Math.min(Math.max(spacer.top + GAP, floor), ceiling - 40);
  return { top: Math.round(top), left: Math.round(spacer.left), width: Math.round(spacer.width) };
}

function scrollingAncestor(element: Element): Element | undefined {
  for (let node = element.parentElement; node && node !== document.body; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && node.scrollHeight > node.clientHeight) return node;
  }
  return undefined;
}

/** Keep the overlay docked as tickets switch, panes scroll and the helpdesk re-renders: at most once a frame. */
export function followDock(
  signal: AbortSignal,
  adapter: Pick<HelpdeskAdapter, 'dockAfter'>,
  host: () => HTMLElement | undefined,
): { schedule: () => void } {
  const spacer = document.createElement(SPACER_TAG);
  spacer.style.cssText = 'display:block;height:0;margin:0;padding:0;border:0;pointer-events:none';
  spacer.setAttribute('aria-hidden', 'true');
  let frame = 0;
  let drawn: Element | undefined;
  // Found again only when the header changes: the ancestor walk reads computed styles.
  let scrollerFor: { after: Element; scroller: Element | undefined } | undefined;
  const sized = new ResizeObserver(() => schedule());
  // The spacer re-rendered away by the helpdesk is the one change the adapter's snapshots cannot see.
  const removed = new MutationObserver(() => {
    if (!spacer.isConnected) schedule();
  });
  signal.addEventListener(
    'abort',
    () => {
      sized.disconnect();
      removed.disconnect();
      cancelAnimationFrame(frame);
      spacer.remove();
    },
    { once: true },
  );

  function corner(element: HTMLElement) {
    spacer.remove();
    if (element.dataset.dock !== 'corner') {
      element.dataset.dock = 'corner';
      for (const name of ['--dl-top', '--dl-left', '--dl-width']) element.style.removeProperty(name);
    }
  }

  function place() {
    frame = 0;
    const element = host();
    if (!element || signal.aborted) return;
    let after: Element | null = null;
    try {
      after = adapter.dockAfter();
      if (after?.isConnected && spacer.previousElementSibling !== after) after.after(spacer);
    } catch {
      after = null; // a markup change, or a host that refuses the node, costs only the docking
    }
    if (!after?.isConnected || !spacer.isConnected) return corner(element);
    removed.disconnect();
    if (spacer.parentNode) removed.observe(spacer.parentNode, { childList: true });

    // The spacer takes the overlay's height, so what follows the header moves down by exactly that much.
    const overlay = element.shadowRoot?.querySelector('.dl-panel') ?? undefined;
    if (overlay !== drawn) {
      sized.disconnect();
      if (overlay) sized.observe(overlay);
      sized.observe(spacer);
      drawn = overlay;
    }
    const height = overlay ? Math.ceil(overlay.getBoundingClientRect().height) + 2 * GAP : 0;
    if (spacer.style.height !== `${height}px`) spacer.style.height = `${height}px`;

    if (scrollerFor?.after !== after) scrollerFor = { after, scroller: scrollingAncestor(spacer) };
    const scroller = scrollerFor.scroller?.getBoundingClientRect();
    const geometry = dockGeometry(spacer.getBoundingClientRect(), scroller, innerHeight);
    if (!geometry) return corner(element);
    element.dataset.dock = 'header';
    element.style.setProperty('--dl-top', `${geometry.top}px`);
    element.style.setProperty('--dl-left', `${geometry.left}px`);
    element.style.setProperty('--dl-width', `${geometry.width}px`);
  }

  function schedule() {
    if (frame === 0 && !signal.aborted) frame = requestAnimationFrame(place);
  }
  addEventListener('resize', schedule, { passive: true, signal });
  // Capture: the helpdesks scroll inner panes, not the document.
  document.addEventListener('scroll', schedule, { capture: true, passive: true, signal });
  schedule();
  return { schedule };
}
