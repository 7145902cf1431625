import type { HelpdeskAdapter } from '../adapters/types';

/**
 * Docking by the ticket header without putting our element into the helpdesk's own tree. An inert, attribute-less
 * `<desklens-dock>` spacer goes right after the header block and takes the overlay's height, so the conversation
 * moves down instead of being covered; the overlay itself stays at the end of `<body>` (where automation and the
 * helpdesk's own `[data-ticket-id]` lookups expect nothing of ours) and is drawn over the spacer.
 *
 * The spacer's rectangle is read once a frame at most, and only after something moved (a switch, a resize, a
 * scroll). CSS anchor positioning would need no reads at all, but measured in Chromium it made every layout of
 * the helpdesk's page re-lay out the whole overlay: a ticket switch's layouts took ~13.7 ms instead of ~2.9 ms
 * (docs/developers/performance.md), on every layout the helpdesk does all day, not only on switches.
 *
 * Reads never force a layout: the spacer is moved in an animation frame (a write), and its rectangle is read in
 * a ResizeObserver callback, which the browser runs after that frame's own layout and before paint. Reading in
 * the animation frame itself made the browser lay out the helpdesk's freshly switched pane early, inside our
 * callback (~3–4 ms a switch); read after layout, the same rectangle costs nothing and is painted in that frame.
 */
const SPACER_TAG = 'desklens-dock';
const GAP = 6;

export interface DockGeometry {
  top: number;
  left: number;
  width: number;
}

/**
 * Where the docked overlay is drawn when positioned by script: over the spacer, or pinned to the top of the pane
 * that scrolls it (like a sticky header) once the header has scrolled away. `undefined`: not on screen (corner).
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

/**
 * The host's whole inline style. `all: initial` first: inline, it beats anything the helpdesk's stylesheets say
 * about our element (the shadow root's own `:host` reset cannot, being the inner context), and what follows it
 * places the host.
 */
const RESET = 'all: initial;';
const scripted = ({ top, left, width }: DockGeometry) =>
  `${RESET} --dl-top: ${top}px; --dl-left: ${left}px; --dl-width: ${width}px;`;

/** Attributes only written when they change (each write is a mutation the helpdesk's observers may see). */
function mark(element: HTMLElement, dock: 'header' | 'corner') {
  if (element.dataset.dock !== dock) element.dataset.dock = dock;
}

function setStyle(element: HTMLElement, cssText: string) {
  if (element.getAttribute('style') !== cssText) element.setAttribute('style', cssText);
}

/** Keep the overlay docked as tickets switch, panes scroll and the helpdesk re-renders: at most once a frame. */
export function followDock(
  signal: AbortSignal,
  adapter: Pick<HelpdeskAdapter, 'dockAfter'>,
  host: () => HTMLElement | undefined,
): { schedule: () => void; stateChanged: () => void } {
  const spacer = document.createElement(SPACER_TAG);
  spacer.style.cssText = 'display:block;height:0;margin:0;padding:0;border:0;pointer-events:none';
  spacer.setAttribute('aria-hidden', 'true');
  let frame = 0;
  /** Something may have moved since the last placement (resize, scroll, a size change): re-measure. */
  let moved = true;
  let drawn: Element | undefined;
  let scrollerFor: { after: Element; scroller: Element | undefined } | undefined;

  /** The panel's last measured height (with the gaps), and the height the spacer holds. */
  let measured = 0;
  let held = 0;
  /**
   * Between two tickets the panel says "loading" for a moment and is shorter; a spacer following it down and back
   * up would move the helpdesk's conversation, editor and footer twice per switch. It grows at once, and shrinks
   * only once the panel is ready (or degraded) again.
   */
  function applyHeight() {
    const loading = host()?.dataset.state === 'loading';
    const next = loading ? Math.max(measured, held) : measured;
    if (next === held) return;
    held = next;
    spacer.style.height = `${held}px`;
  }
  /**
   * The panel left `loading`: the last size measured may still be the loading panel's, and shrinking to it now
   * would paint the helpdesk's conversation higher for a frame before the full panel's size arrives. Observing
   * again makes the observer report the panel's size after this frame's layout, before it is painted.
   */
  function settle() {
    if (host()?.dataset.state === 'loading' || !drawn) return applyHeight();
    sized.unobserve(drawn);
    sized.observe(drawn);
  }
  /** The pane the spacer was last put after, waiting for the reading after layout. */
  let placedAfter: Element | undefined;
  // Created before `sized`: observers are called in creation order, so the spacer is read before the panel's
  // size can change its height (a write that would make the reading force a layout).
  const positioned = new ResizeObserver(() => {
    positioned.unobserve(spacer);
    measure();
  });
  // Sizes come from the observer's entries, computed with the browser's own layout: no forced layout here.
  const sized = new ResizeObserver((entries) => {
    for (const entry of entries) {
      if (entry.target !== drawn) continue;
      measured = Math.ceil(entry.borderBoxSize[0]?.blockSize ?? entry.contentRect.height) + 2 * GAP;
      applyHeight();
    }
    moved = true;
    schedule();
  });
  // The spacer re-rendered away by the helpdesk is the one change the adapter's snapshots cannot see.
  const removed = new MutationObserver(() => {
    if (!spacer.isConnected) schedule();
  });
  signal.addEventListener(
    'abort',
    () => {
      sized.disconnect();
      positioned.disconnect();
      removed.disconnect();
      cancelAnimationFrame(frame);
      spacer.remove();
    },
    { once: true },
  );

  function corner(element: HTMLElement) {
    spacer.remove();
    setStyle(element, RESET);
    mark(element, 'corner');
  }

  function follow(element: HTMLElement) {
    const overlay = element.shadowRoot?.querySelector('.dl-panel') ?? undefined;
    if (overlay === drawn) return;
    if (drawn) sized.unobserve(drawn);
    if (overlay) sized.observe(overlay);
    drawn = overlay;
  }

  /** Writes only: the spacer goes after the pane's header; the reading waits for the frame's layout. */
  function place() {
    frame = 0;
    const element = host();
    if (!element || signal.aborted) return;
    let after: Element | null = null;
    try {
      after = adapter.dockAfter();
      if (after?.isConnected && spacer.previousElementSibling !== after) {
        after.after(spacer);
        moved = true;
        removed.disconnect();
        if (spacer.parentNode) removed.observe(spacer.parentNode, { childList: true });
      }
    } catch {
      after = null; // a markup change, or a host that refuses the node, costs only the docking
    }
    if (!after?.isConnected || !spacer.isConnected) return corner(element);
    follow(element);
    if (!moved && element.dataset.dock === 'header') return;
    placedAfter = after;
    // A new observation is always reported once, after this frame's layout, whatever the spacer's size.
    positioned.unobserve(spacer);
    positioned.observe(spacer);
  }

  /** Reads only after the browser's layout (a ResizeObserver callback); then the one write, if it changed. */
  function measure() {
    const element = host();
    const after = placedAfter;
    placedAfter = undefined;
    if (!element || !after || signal.aborted || spacer.previousElementSibling !== after) return;
    moved = false;
    if (scrollerFor?.after !== after) scrollerFor = { after, scroller: scrollingAncestor(spacer) };
    const geometry = dockGeometry(
      spacer.getBoundingClientRect(),
      scrollerFor.scroller?.getBoundingClientRect(),
      innerHeight,
    );
    if (!geometry) return corner(element);
    setStyle(element, scripted(geometry));
    mark(element, 'header');
  }

  function schedule() {
    if (frame === 0 && !signal.aborted) frame = requestAnimationFrame(place);
  }
  const movedAndSchedule = () => {
    moved = true;
    schedule();
  };
  const initial = host();
  if (initial) setStyle(initial, RESET);
  addEventListener('resize', movedAndSchedule, { passive: true, signal });
  // Capture: the helpdesks scroll inner panes, not the document.
  document.addEventListener('scroll', movedAndSchedule, { capture: true, passive: true, signal });
  schedule();
  return { schedule, stateChanged: settle };
}
