import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { ALL_FIXTURE_HOSTS } from './hosts';
import { FIREFOX_BUILD, requireBuild } from './paths';

export interface FirefoxWithExtension {
  browser: Browser;
  close: () => Promise<void>;
}

export function firefoxPath(): string {
  const path = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(path))
    throw new Error(`Firefox ESR not found at ${path}: apt-get install -y firefox-esr (or set FIREFOX_PATH).`);
  return path;
}

/**
 * Firefox ESR over WebDriver BiDi (Playwright cannot drive stock Firefox), with the Firefox build
 * installed as a temporary add-on and the fixture host names resolving to 127.0.0.1.
 */
export async function launchFirefoxWithExtension(
  options: { extensionDir?: string } = {},
): Promise<FirefoxWithExtension> {
  const extensionDir = requireBuild(options.extensionDir ?? FIREFOX_BUILD);
  const profile = await mkdtemp(join(tmpdir(), 'desklens-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    acceptInsecureCerts: true,
    userDataDir: profile,
    extraPrefsFirefox: {
      'network.dns.localDomains': ALL_FIXTURE_HOSTS.join(','),
      'extensions.webextensions.restrictedDomains': '',
      'browser.shell.checkDefaultBrowser': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'app.update.enabled': false,
    },
  });
  await browser.installExtension(extensionDir);
  return {
    browser,
    close: async () => {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
