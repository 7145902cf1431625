import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import type { TestBackend } from './backend';
import { DEMO_PASSWORDS, launchConsoleBrowser, signInToConsole } from './console';

/** What an admin picks on the console's rollout page (English labels). */
export interface RolloutPicks {
  browsers: ('Chrome' | 'Edge' | 'Firefox')[];
  platforms: ('Windows' | 'macOS' | 'Linux')[];
  backendUrl: string;
  team: string;
  /** The team's token as the admin kept it; omitted: the page makes a new one. */
  enrollmentToken?: string;
  identity?: 'Single sign-on (identity provider)' | 'DeskLens password, once' | 'A lead approves each browser';
}

/** Fills the rollout form by its labels, as an admin would, and asks for the files. */
export async function fillRolloutForm(page: Page, picks: RolloutPicks): Promise<void> {
  for (const [group, all, chosen] of [
    ['Browsers', ['Chrome', 'Edge', 'Firefox'], picks.browsers],
    ['Platforms', ['Windows', 'macOS', 'Linux'], picks.platforms],
  ] as const) {
    for (const name of all)
      await page
        .getByRole('group', { name: group })
        .getByLabel(name, { exact: true })
        .setChecked((chosen as readonly string[]).includes(name));
  }
  await page.getByLabel('DeskLens server address').fill(picks.backendUrl);
  await page.getByLabel('Team', { exact: true }).selectOption({ label: picks.team });
  if (picks.enrollmentToken) await page.getByLabel('The team’s enrollment token').fill(picks.enrollmentToken);
  else await page.getByRole('button', { name: 'New token for this team' }).click();
  await page.locator('[data-token-issued], #rollout-enrollmentToken:not([value=""])').first().waitFor();
  if (picks.identity) await page.getByLabel('How agents prove who they are').selectOption({ label: picks.identity });
  await page.getByRole('button', { name: 'Make the policy files' }).click();
}

/** Downloads one generated file from the page (the Blob download) and gives back its text. */
export async function downloadPolicy(page: Page, name: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Download ${name}` }).click(),
  ]);
  if (download.suggestedFilename() !== name) throw new Error(`downloaded ${download.suggestedFilename()}, not ${name}`);
  return readFile(await download.path(), 'utf8');
}

/**
 * An admin signs in to the console, makes the policy on the rollout page and downloads `file`: what the real-policy
 * tests install, so they prove the file the console hands out.
 */
export async function policyFromConsole(backend: TestBackend, picks: RolloutPicks, file: string): Promise<string> {
  const browser = await launchConsoleBrowser();
  try {
    const page = await (await browser.newContext({ locale: 'en-GB', acceptDownloads: true })).newPage();
    await signInToConsole(page, backend, DEMO_PASSWORDS.admin.email, DEMO_PASSWORDS.admin.password);
    await page.goto(`${backend.url}/admin/rollout`);
    await fillRolloutForm(page, picks);
    return await downloadPolicy(page, file);
  } finally {
    await browser.close();
  }
}
