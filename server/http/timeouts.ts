import type { IncomingMessage, Server, ServerOptions, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import type { ApiError } from '../../lib/schema/events';

/** How long the server waits for each part of a request (docs/operations.md, "Timeouts"). */
export interface HttpTimeouts {
  /** All request headers must arrive within this (slow-header attacks hold a connection otherwise). */
  headersMs: number;
  /** The whole request, headers and body, must arrive within this; a 200 MB import on a slow link included. */
  requestMs: number;
  /** A body that stops arriving for this long is answered 408 and the connection closed. */
  bodyIdleMs: number;
  /** An idle kept-alive connection is closed after this (keep it above the load balancer's idle timeout). */
  keepAliveMs: number;
}

export const DEFAULT_TIMEOUTS: HttpTimeouts = {
  headersMs: 20_000,
  requestMs: 600_000,
  bodyIdleMs: 30_000,
  keepAliveMs: 65_000,
};

/** Options for http.createServer: Node enforces the headers, request and keep-alive limits itself. */
export function serverTimeoutOptions(timeouts: HttpTimeouts): ServerOptions {
  return {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    // Node checks the headers and request limits this often (30 s by default, too coarse for a 20 s limit); well
    // inside the headers limit, so a slow sender of headers gets its 408 before the idle-socket timer cuts it.
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(timeouts.headersMs / 4))),
  };
}

/** The response the socket is serving now, if a request on it has reached the application. */
const currentResponse = (socket: Socket) =>
  (socket as Socket & { _httpMessage?: ServerResponse & { req?: IncomingMessage } })._httpMessage;

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;

const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Header Too Large' };

/**
 * Answers with the API's error shape and closes the connection: through the response object when the request
 * reached the application, else straight onto the socket (the request never got that far). Nothing is written when
 * an answer has already started; the connection is then just closed.
 */
function refuse(socket: Socket, status: 400 | 408 | 431, code: string, message: string): void {
  const body: ApiError = { error: { code, message } };
  const text = JSON.stringify(body);
  const response = currentResponse(socket);
  if (response && !response.headersSent && !response.writableEnded) {
    response.shouldKeepAlive = false;
    response.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      connection: 'close',
    });
    response.end(text);
    return;
  }
  if (!response && socket.writable && socket.bytesWritten === 0) {
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
    return;
  }
  socket.destroy();
}

/**
 * Watches a Node HTTP server's connections: a stalled body (no byte for `bodyIdleMs`) gets a 408, and so do
 * requests Node times out itself (headers or whole request too slow); malformed HTTP gets a 400 and oversized
 * headers a 431, all in the API's JSON error shape with `Connection: close`.
 */
export function guardConnections(server: Server, timeouts: HttpTimeouts, logger: Logger): void {
  // Socket inactivity, reset by every byte read or written. It fires while a handler works on a complete request
  // (an import being applied) or while a progress stream waits for news: those are left alone.
  server.setTimeout(timeouts.bodyIdleMs);
  server.on('timeout', (socket: Socket) => {
    const response = currentResponse(socket);
    if (response?.req?.complete || (response && !response.req)) return;
    if (!response) {
      socket.destroy();
      return;
    }
    logger.info({ url: response.req?.url }, 'request body stalled; answered 408');
    refuse(
      socket,
      408,
      'request_timeout',
      `The request body stopped arriving: nothing for ${seconds(timeouts.bodyIdleMs)}. Send it again.`,
    );
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    const inFlight = currentResponse(socket);
    if (inFlight?.req?.complete && !inFlight.writableFinished) {
      // The fault is in bytes pipelined after a whole request, which the application is still answering: that answer
      // is owed and is sent whole (answering the fault through it would replace it); the connection then closes, as
      // nothing after the fault can be read.
      inFlight.shouldKeepAlive = false;
      inFlight.once('finish', () => socket.end());
      return;
    }
    switch (error.code) {
      case 'ERR_HTTP_REQUEST_TIMEOUT':
        refuse(
          socket,
          408,
          'request_timeout',
          `The request did not arrive in time (headers within ${seconds(timeouts.headersMs)}, the whole request within ${seconds(timeouts.requestMs)}). Send it again.`,
        );
        return;
      case 'HPE_HEADER_OVERFLOW':
        refuse(socket, 431, 'headers_too_large', 'The request headers are larger than the server accepts (16 KiB).');
        return;
      case 'ECONNRESET':
      case 'EPIPE':
        socket.destroy();
        return;
      default:
        refuse(socket, 400, 'bad_request', `The request is not valid HTTP (${error.code ?? error.message}).`);
    }
  });
}
