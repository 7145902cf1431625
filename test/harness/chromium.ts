import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';
import { configureBuild, type Grants } from '../../scripts/fleet-build';
import { chromiumHostArgs } from './hosts';
import { CHROME_BUILD, chromiumPath, EXTENSION_ID, requireBuild } from './paths';

export interface ExtensionBrowser {
  context: BrowserContext;
  /** The profile folder: the browser's own processes are the ones started with it (test/bench/process-cpu.ts). */
  userDataDir: string;
  extensionId: string;
  serviceWorker: () => Promise<Worker>;
  close: () => Promise<void>;
}

/** Debian's Chromium, new headless, with the built extension loaded and fixture hosts mapped to 127.0.0.1. */
export async function launchChromiumWithExtension(
  options: { extensionDir?: string; args?: string[]; headless?: boolean } = {},
): Promise<ExtensionBrowser> {
  const extensionDir = requireBuild(options.extensionDir ?? CHROME_BUILD);
  const userDataDir = await mkdtemp(join(tmpdir(), 'desklens-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...chromiumHostArgs(),
      ...(options.args ?? []),
    ],
  });
  const serviceWorker = async (): Promise<Worker> => {
    const running = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`));
    return (
      running ??
      context.waitForEvent('serviceworker', { predicate: (w) => w.url().includes(EXTENSION_ID), timeout: 15_000 })
    );
  };
  return {
    context,
    userDataDir,
    extensionId: EXTENSION_ID,
    serviceWorker,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The fleet's configured build (scripts/fleet-build.ts): the built extension with `origins` and `permissions`
 * required, so they are granted at install — as for a force-installed configured build, and as after the agent's
 * click on the browser's own prompt, which automation cannot give. Every later step (config from the backend,
 * `scripting.registerContentScripts`, reading a cookie, the content script) runs as it does for a real agent. The
 * extension id is unchanged: it comes from the manifest's public key.
 */
export async function buildWithGrants(grants: Grants): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'desklens-granted-'));
  await configureBuild(requireBuild(CHROME_BUILD), dir, grants);
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Debian's Chromium without the extension, fixture hosts mapped (the Zendesk app needs no extension). */
export async function launchPlainChromium(): Promise<{
  context: BrowserContext;
  userDataDir: string;
  close: () => Promise<void>;
}> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'desklens-plain-'));
  // Chrome's shipped default lets a third-party frame keep its own (partitioned) storage, which a Zendesk app
  // needs for its queue; Debian's Chromium starts new profiles blocking third-party cookies, which denies it.
  await mkdir(join(userDataDir, 'Default'), { recursive: true });
  await writeFile(
    join(userDataDir, 'Default/Preferences'),
    JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }),
  );
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      ...chromiumHostArgs(),
    ],
  });
  return {
    context,
    userDataDir,
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The content scripts the extension registered at run time (generic adapters), read in its service worker. */
export function registeredContentScripts(worker: Worker): Promise<{ id: string; matches?: string[] }[]> {
  return worker.evaluate(async () => {
    // why: `chrome` exists in the service worker but is not typed in the test's scope.
    const api = (
      globalThis as unknown as {
        chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[] }[]> } };
      }
    ).chrome;
    return (await api.scripting.getRegisteredContentScripts()).map(({ id, matches }) => ({ id, matches }));
  });
}
