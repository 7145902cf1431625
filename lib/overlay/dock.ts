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
 * The spacer is moved and read in one animation frame. The read lays out the helpdesk's freshly switched pane
 * inside our callback, but that is the layout the frame needs anyway: the frame's own layout is then shorter by as
 * much (measured: the page's total is the same). Reading in a ResizeObserver callback instead, after the frame's
 * layout, needed an `observe()` per placement, and every `observe()` makes Chromium render one more frame: a
 * ticket switch cost the page three rendering updates instead of two (docs/developers/performance.md).
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
    // Sizes first: once laid out they are plain reads, while each getComputedStyle makes a style object, and a
    // helpdesk's header sits some twenty elements deep.
    if (node.scrollHeight <= node.clientHeight) continue;
    const overflow = getComputedStyle(node).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') return node;
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
): { pageChanged: () => void; stateChanged: () => void; frontChanged: () => void } {
  const spacer = document.createElement(SPACER_TAG);
  spacer.style.cssText = 'display:block;height:0;margin:0;padding:0;border:0;pointer-events:none';
  spacer.setAttribute('aria-hidden', 'true');
  let frame = 0;
  /** Something may have moved since the last placement (resize, scroll, a size change): re-measure. */
  let moved = true;
  let drawn: Element | undefined;
  /** Where the host in front was last drawn: a panel coming to the front takes the same place at once. */
  let placed: { style: string; dock: 'header' | 'corner' } | undefined;
  /**
   * Each host's panel under observation, and every panel's last height in front: a kept panel coming back to the
   * front has its size known already, so the spacer takes it in the same task, with no observe() (each one makes
   * Chromium render one more frame) and no layout read.
   */
  const observed = new Map<HTMLElement, Element>();
  const heights = new WeakMap<Element, number>();
  let scrollerFor: { after: Element; scroller: Element | undefined } | undefined;

  /** The panel's last measured height (with the gaps), and the height the spacer holds. */
  let measured = 0;
  let held = 0;
  /**
   * Between two tickets the panel says "loading" for a moment and is shorter; a spacer following it down and back
   * up would move the helpdesk's conversation, editor and footer twice per switch. It grows at once, and shrinks
   * only once the panel is ready (or degraded) again.
   */
  function applyHeight(): boolean {
    const loading = host()?.dataset.state === 'loading';
    const next = loading ? Math.max(measured, held) : measured;
    if (next === held) return false;
    held = next;
    spacer.style.height = `${held}px`;
    return true;
  }
  /**
   * The panel left `loading`: the last size measured may still be the loading panel's, and shrinking to it now
   * would paint the helpdesk's conversation higher for a frame before the full panel's size arrives. Observing
   * again makes the observer report the panel's size after this frame's layout, before it is painted.
   */
  function settle() {
    const element = host();
    // A degraded panel is another element than the ready one.
    if (element) follow(element);
    if (element?.dataset.state === 'loading' || !drawn) return applyHeight();
    sized.unobserve(drawn);
    sized.observe(drawn);
  }
  // Sizes come from the observer's entries, computed with the browser's own layout.
  const sized = new ResizeObserver((entries) => {
    let spacerChanged = false;
    for (const entry of entries) {
      // A kept panel out of front is not laid out (its contents are skipped, components/overlay.css): the size it
      // had in front stays the one the spacer takes when it comes back. Should its figures have changed meanwhile,
      // its first layout in front reports the new size here, before that frame is painted.
      if (entry.target !== drawn) continue;
      const height = Math.ceil(entry.borderBoxSize[0]?.blockSize ?? entry.contentRect.height) + 2 * GAP;
      heights.set(entry.target, height);
      measured = height;
      spacerChanged = applyHeight() || spacerChanged;
    }
    // Only the spacer's height changed: nothing above it moved, but a scrollbar appearing in the pane can narrow it.
    // Its place is read again now, in this frame: the layout the read needs is the one the height write needs
    // anyway before paint. Asking for another animation frame instead would render one more frame.
    if (spacerChanged) remeasure();
  });
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

  function draw(element: HTMLElement, style: string, dock: 'header' | 'corner') {
    setStyle(element, style);
    mark(element, dock);
    placed = { style, dock };
  }

  function corner(element: HTMLElement) {
    spacer.remove();
    draw(element, RESET, 'corner');
  }

  function follow(element: HTMLElement) {
    const overlay = element.shadowRoot?.querySelector('.dl-panel') ?? undefined;
    if (overlay === drawn) return;
    const before = observed.get(element);
    if (before !== overlay) {
      if (before) sized.unobserve(before);
      if (overlay) {
        sized.observe(overlay);
        observed.set(element, overlay);
      } else observed.delete(element);
    }
    drawn = overlay;
    const known = overlay && heights.get(overlay);
    if (known !== undefined) measured = known;
  }

  /**
   * Another host's panel came to the front (lib/overlay/panel-hosts.tsx): it is drawn where the last one was, the
   * spacer takes its known height, and a frame is asked for only if that height moved something or the header is
   * another element.
   */
  function frontChanged() {
    const element = host();
    if (!element || signal.aborted) return;
    if (placed) draw(element, placed.style, placed.dock);
    else setStyle(element, RESET);
    follow(element);
    if (applyHeight()) moved = true;
    if (frame === 0 && !placedAsBefore()) schedule();
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
    measureAt(after);
  }

  /** After the spacer's own height changed: where it is docked now, if it is docked by a header. */
  function remeasure() {
    const after = spacer.previousElementSibling;
    if (after && spacer.isConnected && host()?.dataset.dock === 'header') measureAt(after);
  }

  /** One read of where the spacer is, then the one write, if it changed. */
  function measureAt(after: Element) {
    const element = host();
    if (!element || signal.aborted || spacer.previousElementSibling !== after) return;
    moved = false;
    if (scrollerFor?.after !== after) scrollerFor = { after, scroller: scrollingAncestor(spacer) };
    const geometry = dockGeometry(
      spacer.getBoundingClientRect(),
      scrollerFor.scroller?.getBoundingClientRect(),
      innerHeight,
    );
    if (!geometry) return corner(element);
    draw(element, scripted(geometry), 'header');
  }

  function schedule() {
    if (frame === 0 && !signal.aborted) frame = requestAnimationFrame(place);
  }

  /** What `place` would find: the spacer docked after the header the adapter names now, nothing moved since. */
  function placedAsBefore(): boolean {
    const element = host();
    if (moved || !element || element.dataset.dock !== 'header' || !spacer.isConnected) return false;
    try {
      const after = adapter.dockAfter();
      return after?.isConnected === true && spacer.previousElementSibling === after;
    } catch {
      return false;
    }
  }

  /**
   * The adapter read something new on the page: the ticket's header may be another element now. When it is still
   * the one the spacer follows, there is nothing to place, and an animation frame asked for anyway makes the browser
   * render a frame the helpdesk did not need. The adapter's once-a-second check reads a new URL before the pane
   * changes in about one switch in three; that frame was one in three switches costing the page a third frame.
   */
  function pageChanged() {
    if (frame === 0 && !placedAsBefore()) schedule();
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
  return { pageChanged, stateChanged: settle, frontChanged };
}
