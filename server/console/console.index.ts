import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../context';
import { apiError } from '../errors';

/** Where `npm run build` writes the console (console/vite.config.ts); tests and deployments may point elsewhere. */
export const CONSOLE_DIR = resolve(import.meta.dirname, '../../.output/console');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The console is the API's own origin, so the page may talk to nothing else. Inline style *attributes* are allowed
 * because ECharts writes its tooltips as HTML with style attributes; scripts and style sheets come only from here.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONSOLE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
};

async function fileIn(dir: string, path: string): Promise<string | null> {
  const file = resolve(dir, `.${decodeURIComponent(path)}`);
  // Nothing outside the build folder, however the path is spelled.
  if (file !== dir && !file.startsWith(dir + sep)) return null;
  try {
    return (await stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}

/**
 * Serves the built console at `/`: hashed files under /assets/ are cached for a year (their names change with their
 * content); index.html is revalidated every time so a deployment shows at once; any other path the browser asks
 * for as a page is a client route and gets index.html (the console's router reads the URL).
 */
export function consoleRouter(dir = CONSOLE_DIR) {
  const router = new Hono<AppEnv>();
  router.on(['GET', 'HEAD'], '*', async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (path.startsWith('/api/')) return next();
    let file: string | null = null;
    try {
      file = path === '/' ? null : await fileIn(dir, path);
    } catch {
      return apiError(c, 400, 'bad_request', 'The path is not valid URL encoding.');
    }
    const hashed = file !== null && path.startsWith('/assets/');
    if (!file) {
      // A page the browser navigates to is a client route (even /tickets/zendesk/1.5); a missing script or image
      // is a 404, not the app, so a stale page asking for an old chunk fails visibly.
      const navigation = (c.req.header('accept') ?? '').includes('text/html');
      if (extname(path) && !navigation) return next();
      file = resolve(dir, 'index.html');
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return c.text('The console is not built: run "npm run build" (or "npm run build:console").', 503, {
        'cache-control': 'no-store',
      });
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = {
      'content-type': type,
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...SECURITY_HEADERS,
    };
    if (c.req.method === 'HEAD') return c.body(null, 200, headers);
    return c.body(new Uint8Array(body), 200, headers);
  });
  return router;
}
