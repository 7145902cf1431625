import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import type { Context } from 'hono';
import type { AppEnv } from '../context';
import type { AppSession } from './session';

/** Where `npm run build:zendesk-app` puts the app's page and its files (ZENDESK_APP_DIR overrides it). */
export const DEFAULT_ZENDESK_APP_DIR = resolve(import.meta.dirname, '../../.output/zendesk-app/assets');

/** What the sidebar page is told when it loads: the agent's session, or why there is none. */
export type SidebarLaunch = { session: AppSession } | { refused: { code: string; message: string } };

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
};

const appDir = (c: Context<AppEnv>) => c.var.deps.zendeskAppDir ?? DEFAULT_ZENDESK_APP_DIR;

/**
 * The app's own page with the launch data in a JSON script element (`<` escaped, so no text in it can end the
 * element). Never cached: it carries an agent's session.
 */
export async function sidebarPage(c: Context<AppEnv>, launch: SidebarLaunch) {
  let page: string;
  try {
    page = await readFile(resolve(appDir(c), 'iframe.html'), 'utf8');
  } catch {
    return c.text('The DeskLens Zendesk app is not built on this server (npm run build:zendesk-app).', 503);
  }
  const data = JSON.stringify(launch).replace(/</g, '\\u003c');
  const html = page.replace('</head>', `<script id="desklens-launch" type="application/json">${data}</script></head>`);
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
  return c.html(html, 200);
}

/** The page's script, styles and logos; only plain file names, only those three kinds. */
export async function sidebarAsset(c: Context<AppEnv>) {
  const file = c.req.param('file') ?? '';
  const type = TYPES[extname(file)];
  if (!/^[\w.-]+$/.test(file) || !type) return c.text('Not a file of the app.', 404);
  try {
    const body = await readFile(resolve(appDir(c), file));
    c.header('content-type', type);
    // Built file names carry a content hash.
    c.header('cache-control', 'public, max-age=31536000, immutable');
    return c.body(body, 200);
  } catch {
    return c.text('Not a file of the app.', 404);
  }
}
