import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { generate } from 'selfsigned';
import { FIXTURE_HOSTS } from './hosts';
import { createSalesforceApi } from './salesforce-api';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../fixtures');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface FixtureServer {
  port: number;
  /** `https://<host>:<port>` for a fixture host name. */
  origin(host: string): string;
  /** Requests received for a host name so far. */
  requestCount(host: string): number;
  /** Forget the case statuses the Salesforce console fixture saved (milestones as in the fixture file again). */
  resetSalesforceCases(): void;
  close(): Promise<void>;
}

/** Route a request to a fixture file by the helpdesk its host name stands for. */
function fixturePath(host: string, pathname: string): string | undefined {
  if (pathname.startsWith('/fixtures/')) return pathname.slice('/fixtures/'.length);
  if (host === FIXTURE_HOSTS.zendesk) {
    const api = /^\/api\/v2\/tickets\/(\d+)\.json$/.exec(pathname);
    if (api) return `zendesk/api/tickets/${api[1]}.json`;
    if (pathname === '/api/v2/users/me.json') return 'zendesk/api/users/me.json';
    if (pathname.startsWith('/agent/')) return 'zendesk/agent.html';
  }
  if (host === FIXTURE_HOSTS.salesforce && pathname.startsWith('/lightning/')) return 'salesforce/console.html';
  if (host === FIXTURE_HOSTS.generic || host === FIXTURE_HOSTS.genericZammad) {
    const page = pathname.split('/').filter(Boolean)[0];
    return `generic/${host}/${page ?? 'index'}.html`;
  }
  return undefined;
}

/**
 * Serves test/fixtures over HTTPS (self-signed) so the pages open at their real helpdesk host names.
 * Used by the e2e tests, the benchmarks and `npm start`.
 */
export async function startFixtureServer(port = 0): Promise<FixtureServer> {
  const pems = await generate([{ name: 'commonName', value: FIXTURE_HOSTS.zendesk }], {
    keySize: 2048,
    algorithm: 'sha256',
  });
  const counts = new Map<string, number>();
  const salesforce = createSalesforceApi(FIXTURES_DIR);
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, async (req, res) => {
    const url = new URL(req.url ?? '/', `https://${req.headers.host ?? 'localhost'}`);
    counts.set(url.hostname, (counts.get(url.hostname) ?? 0) + 1);
    if (url.hostname === FIXTURE_HOSTS.salesforceApi) {
      await salesforce.answer(url, req, res);
      return;
    }
    const save = /^\/fixture\/salesforce\/cases\/([a-zA-Z0-9]{15,18})$/.exec(url.pathname);
    if (url.hostname === FIXTURE_HOSTS.salesforce && req.method === 'POST' && save?.[1]) {
      await salesforce.saveStatus(save[1], req, res);
      return;
    }
    const relative = fixturePath(url.hostname, url.pathname);
    const file = relative ? normalize(join(FIXTURES_DIR, relative)) : undefined;
    if (!file || !file.startsWith(FIXTURES_DIR)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not a fixture');
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('fixture file missing');
    }
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const actualPort = (server.address() as AddressInfo).port;
  return {
    port: actualPort,
    origin: (host) => `https://${host}:${actualPort}`,
    requestCount: (host) => counts.get(host) ?? 0,
    resetSalesforceCases: () => salesforce.reset(),
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
