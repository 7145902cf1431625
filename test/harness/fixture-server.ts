import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { generate } from 'selfsigned';
import { createZafTestSigner, type ZafTestSigner } from '../../server/zendesk-app/zaf-test-signer';
import { pageBundle } from './bundle';
import { FIXTURE_HOSTS } from './hosts';
import { createSalesforceApi } from './salesforce-api';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../fixtures');
const NODE_MODULES = resolve(import.meta.dirname, '../../node_modules');
/**
 * The real rich editors helpdesks embed, served from their npm packages (dev dependencies, never shipped in the
 * extension): CKEditor 4.22.1 (GPL/LGPL/MPL; pinned: 4.23 and later are the commercial LTS), CKEditor 5 and TinyMCE 8 (GPL-2.0-or-later, run with their GPL
 * licence keys), Quill 2 (BSD-3-Clause).
 */
const VENDOR_PACKAGES = new Set(['ckeditor4', 'ckeditor5', 'tinymce', 'quill']);

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/**
 * Zendesk's app proxy for the app host fixture: `client.request` calls to other sites go through Zendesk's
 * servers, which write secure settings into `{{setting.name}}` placeholders and send them only to the app's
 * whitelisted domains. `down` stands for the target being unreachable (the request really fails to connect).
 */
export interface ZendeskProxy {
  secureSettings: Record<string, string>;
  domainWhitelist: string[];
  down: boolean;
  /** Requests forwarded, with the placeholders as the app sent them (never the secret). */
  forwarded: { url: string; method: string }[];
}

export interface FixtureServer {
  zendeskProxy: ZendeskProxy;
  /** Zendesk's signing of sidebars (signed URLs): the app's key pair, the public half for DeskLens. */
  zendeskSigner: ZafTestSigner;
  port: number;
  /** `https://<host>:<port>` for a fixture host name. */
  origin(host: string): string;
  /** Requests received for a host name so far. */
  requestCount(host: string): number;
  /** Forget the case statuses the Salesforce console fixture saved (milestones as in the fixture file again). */
  resetSalesforceCases(): void;
  close(): Promise<void>;
}

/** `<kind>.editors.acme-desk.test`: one described helpdesk page per kind of reply editor. */
export function editorHost(kind: string): string {
  return `${kind}.${FIXTURE_HOSTS.genericEditors}`;
}

/**
 * Editors shipped only as modules that import one another by package name (ProseMirror, Lexical; both MIT), which a
 * page cannot load as they are: each is bundled once per test process from its entry in test/harness/editor-bundles
 * and served as `/vendor/<name>.js` on the editor hosts, its exports on `window.<Name>Bundle`. Draft.js (MIT, archived)
 * comes with React 18 (MIT).
 */
const EDITOR_BUNDLES = new Map([
  ['prosemirror', 'prosemirror.ts'],
  ['lexical', 'lexical.ts'],
  ['draftjs', 'draftjs.js'],
]);
const bundles = new Map<string, string>();
function editorBundle(host: string, pathname: string): string | undefined {
  const name = /^\/vendor\/([a-z]+)\.js$/.exec(pathname)?.[1];
  const entry = name ? EDITOR_BUNDLES.get(name) : undefined;
  if (!host.endsWith(`.${FIXTURE_HOSTS.genericEditors}`) || !name || !entry) return undefined;
  let bundle = bundles.get(name);
  if (!bundle) {
    const globalName = `${name[0]?.toUpperCase()}${name.slice(1)}Bundle`;
    bundle = pageBundle(resolve(import.meta.dirname, 'editor-bundles', entry), globalName);
    bundles.set(name, bundle);
  }
  return bundle;
}

/** A file of an allowed editor package for `/vendor/<package>/<path>` on the editor hosts. */
function vendorFile(host: string, pathname: string): string | undefined {
  if (!host.endsWith(`.${FIXTURE_HOSTS.genericEditors}`)) return undefined;
  const match = /^\/vendor\/([a-z0-9]+)\/(.+)$/.exec(pathname);
  if (!match?.[1] || !match[2] || !VENDOR_PACKAGES.has(match[1])) return undefined;
  const root = join(NODE_MODULES, match[1]);
  const file = normalize(join(root, decodeURIComponent(match[2])));
  return file.startsWith(`${root}/`) ? file : undefined;
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
  if (host.endsWith(`.${FIXTURE_HOSTS.genericEditors}`) && pathname.startsWith('/tickets/')) {
    return `generic/${FIXTURE_HOSTS.genericEditors}/ticket.html`;
  }
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
  const zendeskProxy: ZendeskProxy = { secureSettings: {}, domainWhitelist: [], down: false, forwarded: [] };
  const zendeskSigner = await createZafTestSigner();
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
    // What Zendesk does before it loads a signed-URL app: sign a token for the agent at the screen.
    const agent = url.pathname === '/zaf-sign' ? url.searchParams.get('user') : null;
    if (agent) {
      const token = await zendeskSigner.sign({ zendeskUserId: agent });
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ token }));
      return;
    }
    if (url.pathname === '/zaf-proxy' && req.method === 'POST') {
      await proxyForApp(zendeskProxy, req, res);
      return;
    }
    if (url.hostname === FIXTURE_HOSTS.zendeskApp) {
      await serveFile(res, ZENDESK_APP_BUILD, url.pathname.slice(1));
      return;
    }
    const bundled = editorBundle(url.hostname, url.pathname);
    if (bundled) {
      res.writeHead(200, { 'content-type': TYPES['.js'] ?? 'text/javascript', 'cache-control': 'no-store' });
      res.end(bundled);
      return;
    }
    const relative = fixturePath(url.hostname, url.pathname);
    const fixture = relative ? normalize(join(FIXTURES_DIR, relative)) : undefined;
    const file = fixture?.startsWith(FIXTURES_DIR) ? fixture : vendorFile(url.hostname, url.pathname);
    if (!file) {
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
    zendeskProxy,
    zendeskSigner,
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

const ZENDESK_APP_BUILD = resolve(import.meta.dirname, '../../.output/zendesk-app');

async function serveFile(res: ServerResponse, base: string, relative: string) {
  const file = normalize(join(base, relative));
  if (!file.startsWith(base)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not in the app');
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
    res.writeHead(404, { 'content-type': 'text/plain' }).end('app file missing (npm run build)');
  }
}

async function proxyForApp(proxy: ZendeskProxy, req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const options = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
    url: string;
    type?: string;
    data?: string;
    contentType?: string;
    headers?: Record<string, string>;
    secure?: boolean;
  };
  const answer = (status: number, responseText: string) => {
    let responseJSON: unknown;
    try {
      responseJSON = JSON.parse(responseText);
    } catch {
      responseJSON = undefined;
    }
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status, responseText, responseJSON }));
  };
  const target = new URL(options.url);
  const fill = (text: string) =>
    text.replace(/\{\{setting\.(\w+)\}\}/g, (whole, name: string) => proxy.secureSettings[name] ?? whole);
  // Secure settings go only to the domains the app's manifest whitelists.
  if (options.secure && !proxy.domainWhitelist.includes(target.hostname)) {
    answer(403, JSON.stringify({ error: `${target.hostname} is not in the app's domainWhitelist` }));
    return;
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options.headers ?? {}))
    headers[name] = options.secure ? fill(value) : value;
  if (options.contentType) headers['content-type'] = options.contentType;
  proxy.forwarded.push({ url: options.url, method: options.type ?? 'GET' });
  try {
    // Down: the same request to a port nothing listens on, so it fails the way an unreachable server does.
    const url = proxy.down ? `http://127.0.0.1:9${target.pathname}` : options.url;
    const response = await fetch(url, { method: options.type ?? 'GET', headers, body: options.data });
    answer(response.status, await response.text());
  } catch (error) {
    // Zendesk's proxy answers a target it cannot reach with a gateway error.
    answer(502, JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
  }
}
