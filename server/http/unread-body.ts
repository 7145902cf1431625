import type { IncomingMessage } from 'node:http';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../context';

/** A body up to this size that the answer did not need is read and dropped, so the connection stays usable. */
const DRAIN_BYTES = 256 * 1024;
/** …if it arrives within this; a client that sends slowly gets `Connection: close` instead of a held answer. */
const DRAIN_MS = 2_000;

/**
 * An answer sent before the request body was read (401, 403, 404, 413, 415, 429…) leaves the rest of that body on
 * the connection, and a client that reuses the connection would see its next request fail. A small body is read to
 * its end before answering (as Go's net/http does), so the same connection serves the next request; a large or
 * chunked one, or one that arrives too slowly, gets `Connection: close` so every HTTP client opens a fresh
 * connection instead.
 */
export const closeAfterUnreadBody = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || incoming.complete) return;
  const length = Number(incoming.headers['content-length']);
  const small = Number.isSafeInteger(length) && length <= DRAIN_BYTES;
  if (small && !c.req.raw.bodyUsed && c.req.raw.body && (await drained(c.req.raw.body))) return;
  c.res.headers.set('connection', 'close');
});

/** Reads a body to its end and drops it; false when it does not end within DRAIN_MS. */
async function drained(body: ReadableStream<Uint8Array>): Promise<boolean> {
  const reader = body.getReader();
  const timer = setTimeout(() => reader.cancel().catch(() => undefined), DRAIN_MS);
  try {
    for (;;) {
      const { done } = await reader.read();
      if (done) return true;
    }
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
