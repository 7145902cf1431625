import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildZendeskApp } from '../../helpdesk-apps/zendesk/build';

/**
 * What `zcli apps:validate` checks that can be checked without a Zendesk account: the package's layout, the
 * manifest against Zendesk's manifest reference, the translations for every locale and parameter, and the logos'
 * sizes. (The rest, the server-side validation of an uploaded package, needs an account: docs/admin/zendesk-app.md.)
 */
let dir: string;
beforeAll(async () => {
  dir = await buildZendeskApp('desklens.example.com');
}, 120_000);

const json = (path: string) => JSON.parse(readFileSync(join(dir, path), 'utf8')) as Record<string, unknown>;
const pngSize = (path: string) => {
  const png = readFileSync(join(dir, path));
  expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
};
/** Parameter types of the manifest reference. */
const PARAMETER_TYPES = ['text', 'password', 'checkbox', 'url', 'number', 'multiline', 'hidden', 'oauth'];

describe('the Zendesk app package', () => {
  it('has only what an app zip holds: manifest.json, assets/ and translations/', () => {
    expect(readdirSync(dir).sort()).toEqual(['assets', 'manifest.json', 'translations']);
    for (const name of readdirSync(join(dir, 'assets'))) expect(name).toMatch(/^[\w.-]+\.(html|js|css|png)$/);
  });

  it('has a version 2 manifest whose sidebar is the DeskLens server’s signed page, its files in the package', () => {
    const manifest = json('manifest.json') as {
      name: string;
      author: { name: string; email: string; url: string };
      defaultLocale: string;
      frameworkVersion: string;
      version: string;
      signedUrls: boolean;
      location: { support: Record<string, { url: string; flexible?: boolean }> };
    };
    expect(manifest.frameworkVersion).toBe('2.0');
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.author).toEqual({
      name: expect.any(String),
      email: expect.stringContaining('@'),
      url: expect.stringMatching(/^https:\/\//),
    });
    expect(Object.keys(manifest.location.support)).toEqual(['ticket_sidebar']);
    // Zendesk signs the first request for a remote page with the agent's identity; the server serves assets/.
    expect(manifest.signedUrls).toBe(true);
    for (const place of Object.values(manifest.location.support))
      expect(place.url).toBe('https://desklens.example.com/zendesk-app/sidebar');
    const page = readFileSync(join(dir, 'assets/iframe.html'), 'utf8');
    // No CDN: the SDK is bundled from its npm package, and everything the page loads is in the package.
    expect(page).not.toMatch(/https?:\/\//);
    for (const [, file] of page.matchAll(/(?:src|href)="\.\/([^"]+)"/g))
      expect(existsSync(join(dir, 'assets', file as string))).toBe(true);
  });

  it('holds no secret: no token setting (Zendesk vouches for the agent), the server’s domain whitelisted', () => {
    const manifest = json('manifest.json') as {
      parameters: { name: string; type: string; secure?: boolean; required?: boolean }[];
      domainWhitelist: string[];
    };
    for (const parameter of manifest.parameters) expect(PARAMETER_TYPES).toContain(parameter.type);
    expect(manifest.parameters.filter((p) => p.secure)).toEqual([]);
    expect(manifest.parameters.map((p) => p.name)).not.toContain('token');
    expect(manifest.domainWhitelist).toEqual(['desklens.example.com']);
  });

  it('has a translation for every locale with the app’s texts and a label for every parameter', () => {
    const manifest = json('manifest.json') as { defaultLocale: string; parameters: { name: string }[] };
    const files = readdirSync(join(dir, 'translations')).sort();
    expect(files).toEqual(['en.json', 'zh-cn.json', 'zh-tw.json']);
    expect(files).toContain(`${manifest.defaultLocale}.json`);
    for (const file of files) {
      const app = (json(`translations/${file}`) as { app: Record<string, unknown> }).app;
      for (const key of ['name', 'short_description', 'long_description', 'installation_instructions'])
        expect(typeof app[key], `${file}: app.${key}`).toBe('string');
      const labels = app.parameters as Record<string, { label?: string }>;
      for (const { name } of manifest.parameters) expect(labels[name]?.label, `${file}: ${name}`).toBeTruthy();
    }
  });

  it('has the logos at the sizes Zendesk asks for', () => {
    expect(pngSize('assets/logo.png')).toEqual([320, 320]);
    expect(pngSize('assets/logo-small.png')).toEqual([128, 128]);
  });

  it('stays small: no file over 1 MB', () => {
    for (const name of readdirSync(join(dir, 'assets')))
      expect(statSync(resolve(dir, 'assets', name)).size).toBeLessThan(1024 * 1024);
  });
});
