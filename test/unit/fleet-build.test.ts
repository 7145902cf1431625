import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configureBuild } from '../../scripts/fleet-build';

/** The fleet's configured build: described origins become required host permissions, granted at install. */
describe('configureBuild', () => {
  let dir: string;
  afterEach(() => rm(dir, { recursive: true, force: true }));

  async function build(manifest: object) {
    dir = await mkdtemp(join(tmpdir(), 'desklens-fleet-test-'));
    const source = join(dir, 'source');
    const target = join(dir, 'target');
    await mkdir(source);
    await writeFile(join(source, 'manifest.json'), JSON.stringify(manifest));
    await writeFile(join(source, 'background.js'), '// the build');
    return { source, target, read: async () => JSON.parse(await readFile(join(target, 'manifest.json'), 'utf8')) };
  }

  it('adds origins with their port for Chrome and Edge (MV3), keeping what the manifest had', async () => {
    const { source, target, read } = await build({
      manifest_version: 3,
      permissions: ['storage'],
      host_permissions: ['https://*.zendesk.com/*'],
    });
    await configureBuild(source, target, {
      origins: ['http://redmine.internal:3000/*', 'https://helpdesk.example.com:8443/*'],
    });
    expect(await read()).toMatchObject({
      permissions: ['storage'],
      host_permissions: [
        'https://*.zendesk.com/*',
        'http://redmine.internal:3000/*',
        'https://helpdesk.example.com:8443/*',
      ],
    });
    expect(await readFile(join(target, 'background.js'), 'utf8')).toBe('// the build');
  });

  it('adds origins without their port among Firefox’s MV2 permissions, and takes the organisation’s add-on id', async () => {
    const { source, target, read } = await build({
      manifest_version: 2,
      permissions: ['storage', 'https://*.zendesk.com/*'],
      browser_specific_settings: { gecko: { id: 'desklens@desklens.app' } },
    });
    await configureBuild(source, target, {
      origins: ['http://redmine.internal:3000/*', 'https://*.freshdesk.com/*'],
      geckoId: 'desklens@example.com',
    });
    expect(await read()).toMatchObject({
      permissions: ['storage', 'https://*.zendesk.com/*', 'http://redmine.internal/*', 'https://*.freshdesk.com/*'],
      browser_specific_settings: { gecko: { id: 'desklens@example.com' } },
    });
  });

  it('refuses origins a description could not name, each by name, and writes nothing', async () => {
    const { source, target } = await build({ manifest_version: 3 });
    await expect(
      configureBuild(source, target, {
        origins: ['<all_urls>', 'http://redmine.example.com/*', 'https://ok.example.com/*'],
      }),
    ).rejects.toThrow(
      /<all_urls>: expected https:\/\/host.*\nhttp:\/\/redmine\.example\.com\/\*: http is allowed only/s,
    );
    await expect(readFile(join(target, 'manifest.json'))).rejects.toThrow();
  });
});
