import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import preact from '@preact/preset-vite';
import { build, type Plugin } from 'vite';

/**
 * `npm run build:zendesk-app`: the Zendesk sidebar app as the folder `zcli apps:package` zips —
 * `manifest.json`, `translations/`, `assets/` (iframe.html, its script and styles, logos) — in
 * `.output/zendesk-app`. The sidebar is served by the DeskLens server itself (from `assets/`), because Zendesk
 * signs the first request for a remote page with the agent's identity (`signedUrls`): the manifest's sidebar URL is
 * `DESKLENS_BACKEND_URL` + `/zendesk-app/sidebar` (default: https:// + the first of `DESKLENS_BACKEND_DOMAINS`).
 */
const here = import.meta.dirname;
const root = resolve(here, '../..');
export const ZENDESK_APP_DIR = resolve(root, '.output/zendesk-app');

/** A square PNG (logo.png 320 px, logo-small.png 128 px): the DeskLens violet with a light inner square. */
function logo(size: number): Buffer {
  const row = (y: number) => {
    const pixels = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      const inner = x > size * 0.3 && x < size * 0.7 && y > size * 0.3 && y < size * 0.7;
      pixels.set(inner ? [246, 240, 255, 255] : [130, 80, 223, 255], 1 + x * 4);
    }
    return pixels;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const image = deflateSync(Buffer.concat(Array.from({ length: size }, (_, y) => row(y))));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', image),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The extension's catalogues carry what `browser.i18n` needs (named placeholders, notes for translators); the app
 * needs only each message with its placeholders already put in. About 1 KB gzip of the app's 60 KB budget.
 */
function compactCatalogues(): Plugin {
  return {
    name: 'desklens-compact-catalogues',
    enforce: 'pre',
    transform(code, id) {
      if (!/_locales[\\/][^\\/]+[\\/]messages\.json$/.test(id)) return undefined;
      const catalogue = JSON.parse(code) as Record<
        string,
        { message: string; placeholders?: Record<string, { content: string }> }
      >;
      const compact = Object.fromEntries(
        Object.entries(catalogue).map(([key, entry]) => [
          key,
          entry.message.replace(
            /\$([A-Za-z0-9_]+)\$/g,
            (whole, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? whole,
          ),
        ]),
      );
      return { code: JSON.stringify(compact), map: null };
    },
  };
}

export async function buildZendeskApp(
  domains = process.env.DESKLENS_BACKEND_DOMAINS ?? 'localhost',
  backendUrl = process.env.DESKLENS_BACKEND_URL,
): Promise<string> {
  await rm(ZENDESK_APP_DIR, { recursive: true, force: true });
  await build({
    configFile: false,
    logLevel: 'warn',
    root: resolve(here, 'src'),
    base: './',
    plugins: [preact(), compactCatalogues()],
    build: {
      outDir: resolve(ZENDESK_APP_DIR, 'assets'),
      emptyOutDir: true,
      assetsDir: '.',
      sourcemap: false,
      rollupOptions: { input: resolve(here, 'src/iframe.html') },
    },
  });
  const manifest = JSON.parse(await readFile(resolve(here, 'app/manifest.json'), 'utf8')) as Record<string, unknown>;
  const whitelist = domains
    .split(',')
    .map((domain) => domain.trim())
    .filter(Boolean);
  const server = new URL(backendUrl ?? `https://${whitelist[0] ?? 'localhost'}`);
  if (!whitelist.includes(server.hostname)) whitelist.push(server.hostname);
  manifest.domainWhitelist = whitelist;
  const location = manifest.location as { support: Record<string, { url: string }> };
  for (const place of Object.values(location.support))
    place.url = new URL('zendesk-app/sidebar', `${server.origin}${server.pathname.replace(/\/*$/, '/')}`).href;
  await writeFile(resolve(ZENDESK_APP_DIR, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await cp(resolve(here, 'app/translations'), resolve(ZENDESK_APP_DIR, 'translations'), { recursive: true });
  await mkdir(resolve(ZENDESK_APP_DIR, 'assets'), { recursive: true });
  await writeFile(resolve(ZENDESK_APP_DIR, 'assets/logo.png'), logo(320));
  await writeFile(resolve(ZENDESK_APP_DIR, 'assets/logo-small.png'), logo(128));
  return ZENDESK_APP_DIR;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(here, 'build.ts')) {
  const dir = await buildZendeskApp();
  console.log(`Zendesk app built in ${dir}`);
}
