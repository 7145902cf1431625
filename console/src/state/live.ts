import { signal } from '@preact/signals';

/** How the open page learns about new scores: pushed by the server, or asked for every few seconds. */
export const liveMode = signal<'connecting' | 'live' | 'polling'>('connecting');
/** Bumped whenever figures may have changed; pages that show figures reload when it moves. */
export const liveTick = signal(0);

/** The live stream (server-sent events). Replaced by the console-api contract's route once it lands. */
export const LIVE_URL = '/api/v1/live';
const POLL_MS = 4_000;

let started = false;
let poller: ReturnType<typeof setInterval> | undefined;

function poll() {
  liveMode.value = 'polling';
  if (poller) return;
  poller = setInterval(() => {
    liveTick.value++;
  }, POLL_MS);
}

/**
 * Listens for new scores over server-sent events; when the stream cannot be opened (older server, a proxy that
 * buffers), polls instead so a new score still appears within five seconds.
 */
export function startLive() {
  if (started) return;
  started = true;
  if (typeof EventSource === 'undefined') return poll();
  const source = new EventSource(LIVE_URL);
  let opened = false;
  source.onopen = () => {
    opened = true;
    liveMode.value = 'live';
    if (poller) {
      clearInterval(poller);
      poller = undefined;
    }
  };
  source.onmessage = () => {
    liveTick.value++;
  };
  source.addEventListener('score', () => {
    liveTick.value++;
  });
  source.onerror = () => {
    // EventSource retries by itself; poll meanwhile, and for good if it never opened.
    if (!opened) source.close();
    poll();
  };
}
