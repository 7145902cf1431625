/**
 * The once-a-second floor under an adapter's MutationObserver. `history.pushState` changes the URL with no event an
 * isolated world can hear, so the URL is compared every second. A full read of the page (selector queries, a
 * JSON key: about a millisecond of the helpdesk's main thread) follows only when the URL changed, when `stale` says
 * the observer lost its root, or when `quietReadMs` passed since the last read, for what no observer sees (a field's
 * typed value). Returns the read the observer and the page's events call, so they count as reads too.
 */
export function urlFloor(options: {
  win: Window;
  signal: AbortSignal;
  read: () => void;
  quietReadMs: number;
  stale?: () => boolean;
}): () => void {
  const { win, signal, quietReadMs, stale } = options;
  let href = win.location.href;
  let readAt = Number.NEGATIVE_INFINITY;
  const read = () => {
    href = win.location.href;
    readAt = Date.now();
    options.read();
  };
  const timer = win.setInterval(() => {
    if (win.location.href !== href || stale?.() || Date.now() - readAt >= quietReadMs) read();
  }, 1000);
  signal.addEventListener('abort', () => win.clearInterval(timer), { once: true });
  return read;
}
