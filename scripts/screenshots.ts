import { resolve } from 'node:path';
import { launchChromiumWithExtension } from '../test/harness/chromium';
import { startFixtureServer } from '../test/harness/fixture-server';
import { FIXTURE_HOSTS } from '../test/harness/hosts';
import { ROOT } from '../test/harness/paths';

/**
 * Screenshots of the overlay for the docs: English and Chinese, light and dark, on the Zendesk fixture.
 * Run after a build: `npx tsx scripts/screenshots.ts`.
 */
const pages = await startFixtureServer();
for (const lang of ['en', 'zh-CN'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    const browser = await launchChromiumWithExtension({ args: [`--lang=${lang}`] });
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${pages.origin(FIXTURE_HOSTS.zendesk)}/agent/tickets/${lang === 'en' ? '1001' : '1002'}`);
    await page.locator('desklens-overlay[data-state="ready"] .dl-script').first().waitFor();
    await page.locator('desklens-overlay .dl-tier-badge').focus();
    const file = resolve(ROOT, `docs/screenshots/overlay-${lang === 'en' ? 'en' : 'zh_CN'}-${scheme}.png`);
    await page.screenshot({ path: file });
    console.log(`wrote ${file}`);
    await browser.close();
  }
}
await pages.close();
