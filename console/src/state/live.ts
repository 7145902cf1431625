import { signal } from '@preact/signals';
import { api } from '../api/client';
import type { paths } from '../api/schema';

/** How the open page learns about new scores: pushed by the server, or asked for every few seconds. */
export const liveMode = signal<'connecting' | 'live' | 'polling' | 'off'>('connecting');
/** Bumped whenever figures may have changed; pages that show figures reload when it moves. */
export const liveTick = signal(0);
/** Bumped when an alert fires or an action changes: the alerts badge and lists reload. */
export const alertTick = signal(0);

/** The contract's stream route; a rename there breaks this line's type-check. */
const LIVE_URL: keyof paths = '/api/v1/live';
/** Under the five seconds a new score may take to appear, with room for the request itself. */
const POLL_MS = 3_000;

let started = false;
let source: EventSource | undefined;
let poller: ReturnType<typeof setTimeout> | undefined;
let pollAfter = new Date().toISOString();

async function pollOnce() {
  const { data, response } = await api.GET('/api/v1/live/scores', { params: { query: { after: pollAfter } } });
  if (response.status === 401 || response.status === 403) {
    liveMode.value = 'off';
    return false;
  }
  if (data) {
    pollAfter = data.next;
    if (data.scores.length) liveTick.value++;
    if (data.more) return pollOnce();
  }
  return true;
}

function poll() {
  if (liveMode.value === 'off' || poller) return;
  liveMode.value = 'polling';
  const next = () => {
    poller = setTimeout(async () => {
      const keepGoing = await pollOnce().catch(() => true);
      if (keepGoing && liveMode.value === 'polling') next();
      else poller = undefined;
    }, POLL_MS);
  };
  next();
}

function stopPolling() {
  if (poller) clearTimeout(poller);
  poller = undefined;
}

/**
 * Listens for new scores, alerts and action changes over server-sent events (the server only sends the
 * caller's teams). When the stream cannot be opened or drops (an older server, a proxy that buffers), it polls
 * the scores route instead until the stream is back, so a new score still appears within five seconds.
 */
export function startLive() {
  if (started) return;
  started = true;
  if (typeof EventSource === 'undefined') return poll();
  const stream = new EventSource(LIVE_URL);
  source = stream;
  stream.onopen = () => {
    stopPolling();
    liveMode.value = 'live';
  };
  stream.addEventListener('score', () => {
    liveTick.value++;
  });
  stream.addEventListener('alert', () => {
    alertTick.value++;
    liveTick.value++;
  });
  stream.addEventListener('action', () => {
    alertTick.value++;
  });
  stream.onerror = () => {
    // EventSource reconnects by itself; poll meanwhile so nothing is missed.
    pollAfter = new Date(Date.now() - 10_000).toISOString();
    poll();
  };
}

/** Sign-out ends the stream with the session; a new sign-in starts it again. */
export function resetLive() {
  source?.close();
  source = undefined;
  stopPolling();
  started = false;
  liveMode.value = 'connecting';
}
