import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configureExtension, signInAsAdmin, startTestBackend } from '../test/harness/backend';
import { buildWithGrants, launchChromiumWithExtension } from '../test/harness/chromium';
import { editorHost, startFixtureServer } from '../test/harness/fixture-server';
import { FIXTURE_HOSTS } from '../test/harness/hosts';
import { ROOT } from '../test/harness/paths';

/**
 * Screenshots of the overlay for the docs: English, Simplified and Traditional Chinese, light and dark, on the Zendesk fixture, and on a
 * described helpdesk whose created time is in another format than described ("Partly read"), and the popup of a
 * browser waiting for its lead's approval.
 * Run after a build: `npx tsx scripts/screenshots.ts`.
 */
const pages = await startFixtureServer();
/** Browser language → the ticket shown and the catalogue name in the file: a Taipei customer for Traditional. */
const overlayShots = {
  en: { ticket: '1001', catalogue: 'en' },
  'zh-CN': { ticket: '1002', catalogue: 'zh_CN' },
  'zh-TW': { ticket: '1004', catalogue: 'zh_TW' },
} as const;
/** SCREENSHOTS_LANG=zh-TW: only that browser language's shots, every screen. */
const only = process.env.SCREENSHOTS_LANG;
const catalogueOf = (lang: keyof typeof overlayShots) => overlayShots[lang].catalogue;
for (const lang of ['en', 'zh-CN', 'zh-TW'] as const) {
  if (only && only !== lang) continue;
  for (const scheme of ['light', 'dark'] as const) {
    const browser = await launchChromiumWithExtension({ args: [`--lang=${lang}`] });
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${pages.origin(FIXTURE_HOSTS.zendesk)}/agent/tickets/${overlayShots[lang].ticket}`);
    await page.locator('desklens-overlay[data-active="true"][data-state="ready"] .dl-script').first().waitFor();
    await page.locator('desklens-overlay[data-active="true"] .dl-tier-badge').focus();
    const file = resolve(ROOT, `docs/screenshots/overlay-${overlayShots[lang].catalogue}-${scheme}.png`);
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
    await browser.close();
  }
}

const example = JSON.parse(readFileSync(resolve(ROOT, 'docs/adapters/editors/textarea.json'), 'utf8'));
const described = {
  ...example,
  fields: { ...example.fields, createdAt: { selector: 'time.created', format: 'DD.MM.YYYY HH:mm' } },
};
const backend = await startTestBackend();
const build = await buildWithGrants({ origins: described.matches });
const admin = await signInAsAdmin(backend);
await admin.save('adapters', [described]);
for (const lang of ['en', 'zh-CN', 'zh-TW'] as const) {
  if (only && only !== lang) continue;
  for (const scheme of ['light', 'dark'] as const) {
    const browser = await launchChromiumWithExtension({ extensionDir: build.dir, args: [`--lang=${lang}`] });
    await configureExtension(browser, {
      backendUrl: backend.url,
      agentToken: backend.demo?.agentToken,
    });
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 800 });
    const url = `${pages.origin(editorHost('textarea'))}/tickets/${lang === 'en' ? '501' : '502'}`;
    // The description arrives with the first sync; reload until the overlay is there.
    for (let attempt = 0; attempt < 20; attempt++) {
      await page.goto(url);
      const shown = await page
        .locator('desklens-overlay[data-active="true"] .dl-problems')
        .waitFor({ timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (shown) break;
    }
    const file = resolve(ROOT, `docs/screenshots/generic-partly-read-${catalogueOf(lang)}-${scheme}.png`);
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
    await browser.close();
  }
}

// The popup while a browser waits for its lead's approval.
for (const lang of ['en', 'zh-CN', 'zh-TW'] as const) {
  if (only && only !== lang) continue;
  for (const scheme of ['light', 'dark'] as const) {
    const browser = await launchChromiumWithExtension({ args: [`--lang=${lang}`] });
    await configureExtension(browser, {
      backendUrl: backend.url,
      enrollmentToken: backend.demo?.enrollmentToken,
      agentEmail: 'ada@acme.test',
    });
    const suffix = `${catalogueOf(lang)}-${scheme}`;
    const popup = await browser.context.newPage();
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.setViewportSize({ width: 360, height: 420 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    await popup.locator('[data-identity-state="pending_approval"]').waitFor();
    await popup.screenshot({ path: resolve(ROOT, `docs/screenshots/popup-pending-approval-${suffix}.png`) });
    console.log(`wrote popup-pending-approval-${suffix}.png`);
    await browser.close();
  }
}
await build.dispose();
await backend.dispose();
await pages.close();
