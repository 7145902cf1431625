import { computed, type ReadonlySignal } from '@preact/signals';
import type { PageStore, PageView, TicketRun } from './features/types';

/**
 * `source` while `shown`; otherwise what it was when last shown. A computed read only through `shown` while out of
 * sight, so a change of `source` then reaches nobody: no component of a hidden panel re-renders for it.
 */
export function whileShown<T>(source: ReadonlySignal<T>, shown: ReadonlySignal<boolean>): ReadonlySignal<T> {
  let last = source.peek();
  return computed(() => {
    if (shown.value) last = source.value;
    return last;
  });
}

/**
 * The page as the panel kept for one ticket sees it: its own ticket, and the page's state and ticker frozen while
 * another ticket's panel is in front. Switches, expanded and the shortcuts are the page's: a change to them is
 * rare and shows in every panel alike.
 */
export function panelView(
  page: PageStore,
  run: ReadonlySignal<TicketRun | undefined>,
  shown: ReadonlySignal<boolean>,
): PageView {
  return { ...page, active: run, state: whileShown(page.state, shown), now: whileShown(page.now, shown) };
}
