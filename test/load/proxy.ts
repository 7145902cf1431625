import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Pool } from 'undici';

/**
 * The load balancer in front of the instances under load: round robin, keep-alive to each upstream (undici pools),
 * and what any real balancer does when an instance is gone — a request that could not even be sent (connection
 * refused) goes to the next instance, and that instance is skipped for a second. Anything that failed after the
 * request was sent is answered 502: the client decides whether to send it again (ours do; ingest is idempotent).
 *
 * Run as its own process: `tsx test/load/proxy.ts <port> <upstream-url>...`; prints `listening <port>` when ready.
 */
const [portArg, ...upstreamUrls] = process.argv.slice(2);
const upstreams = upstreamUrls.map((url) => ({
  url,
  pool: new Pool(url, { connections: 128, keepAliveTimeout: 30_000, headersTimeout: 60_000, bodyTimeout: 0 }),
  downUntil: 0,
}));
let next = 0;
const counts = { proxied: 0, rerouted: 0, badGateway: 0 };

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
]);

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function refused(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'ECONNREFUSED' || code === 'UND_ERR_SOCKET' || code === 'ECONNRESET';
}

async function forward(req: IncomingMessage, res: ServerResponse) {
  const body = await readBody(req);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
  let lastError: unknown;
  for (let attempt = 0; attempt < upstreams.length; attempt++) {
    const now = Date.now();
    const candidates = upstreams.filter((u) => u.downUntil <= now);
    const upstream = (candidates.length ? candidates : upstreams)[next++ % (candidates.length || upstreams.length)];
    if (!upstream) break;
    let sent = false;
    try {
      const answer = await upstream.pool.request({
        method: req.method as 'GET',
        path: req.url ?? '/',
        headers,
        body,
      });
      sent = true;
      counts.proxied += 1;
      const outHeaders: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers))
        if (value !== undefined && !HOP_BY_HOP.has(name)) outHeaders[name] = value;
      if (answer.headers.connection === 'close') outHeaders.connection = 'close';
      res.writeHead(answer.statusCode, outHeaders);
      for await (const chunk of answer.body) res.write(chunk);
      res.end();
      return;
    } catch (error) {
      lastError = error;
      // Only a connection that never took the request is safe to try elsewhere.
      if (!sent && (error as { code?: string }).code === 'ECONNREFUSED') {
        upstream.downUntil = Date.now() + 1_000;
        counts.rerouted += 1;
        continue;
      }
      if (refused(error)) upstream.downUntil = Date.now() + 1_000;
      break;
    }
  }
  counts.badGateway += 1;
  if (!res.headersSent) {
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        error: { code: 'bad_gateway', message: `No instance answered: ${(lastError as Error)?.message ?? 'unknown'}` },
      }),
    );
  } else res.destroy();
}

const server = createServer((req, res) => {
  if (req.url === '/__proxy/counts') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(counts));
    return;
  }
  forward(req, res).catch(() => res.destroy());
});
server.keepAliveTimeout = 65_000;
server.listen(Number(portArg ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`listening ${typeof address === 'object' && address ? address.port : portArg}`);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.on(signal, () => {
    server.close();
    for (const u of upstreams) void u.pool.close();
    process.exit(0);
  });
