import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { CHECKIN_HEADERS } from '../lib/schema/fleet';
import { tokenForUser } from '../server/testing';
import { startTestBackend } from '../test/harness/backend';
import { launchConsoleBrowser, seedDemoHistory, signInToConsole } from '../test/harness/console';
import { ROOT } from '../test/harness/paths';

/**
 * Screenshots of every console page for the docs, in English, Simplified and Traditional Chinese, light and dark, from sixty days of demo
 * scores with the default alert rules evaluated (so alerts and their improvement actions exist).
 * Run after `npm run build` (or `npm run build:console`): `npx tsx scripts/console-screenshots.ts`.
 */
const out = resolve(ROOT, 'docs/screenshots/console');
mkdirSync(out, { recursive: true });
const backend = await startTestBackend();
await seedDemoHistory(backend);
const admin = await tokenForUser(backend.db, 'admin@acme.test');
const call = async (path: string, method = 'GET', body?: unknown) => {
  const response = await fetch(`${backend.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return (await response.json()) as Record<string, unknown>;
};
await call('/api/v1/alerts/evaluate', 'POST');
const { actions } = (await call('/api/v1/actions')) as { actions: { id: string }[] };
const first = actions[0];
if (first)
  await call(`/api/v1/actions/${first.id}`, 'PATCH', {
    status: 'in_progress',
    actualDate: new Date(Date.now() - 14 * 86_400_000).toISOString().slice(0, 10),
    evidence: {
      text: 'Refund call-backs within 24 h, rehearsed with the team.',
      links: ['https://wiki.example.com/refunds'],
    },
  });

// Fleet health: Ada's browser checks in as the extension does with its catalog pull, and reports a selector that
// stopped matching.
await fetch(`${backend.url}/api/v1/catalog`, {
  headers: {
    authorization: `Bearer ${backend.demo?.agentToken}`,
    'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0',
    [CHECKIN_HEADERS.version]: '0.1.0',
    [CHECKIN_HEADERS.queued]: '2',
    [CHECKIN_HEADERS.rejected]: '0',
  },
});
await fetch(`${backend.url}/api/v1/events`, {
  method: 'POST',
  headers: { authorization: `Bearer ${backend.demo?.agentToken}`, 'content-type': 'application/json' },
  body: JSON.stringify({
    events: [
      {
        type: 'adapter_health',
        id: crypto.randomUUID(),
        occurredAt: new Date().toISOString(),
        helpdesk: 'zendesk',
        missing: ['requesterEmail'],
        extensionVersion: '0.1.0',
      },
    ],
  }),
});

const browser = await launchConsoleBrowser();
/** en, zh_CN, zh_TW: the locale as the extension's catalogues name it. */
const fileLocale = (lang: string) => lang.replace('-', '_');
async function shot(page: Page, name: string, lang: string, scheme: string, fullPage = false) {
  const file = resolve(out, `${name}-${fileLocale(lang)}-${scheme}.png`);
  await page.screenshot({ path: file, fullPage });
  console.log(`wrote ${file}`);
}

/** The console's part-2 pages: where each is, and what shows it has loaded (a heading or list drawn from the API). */
const AREA_PAGES: { name: string; path: string; ready: string; fullPage?: boolean }[] = [
  { name: 'studio', path: '/studio', ready: '.studio-list[data-loaded="ready"]' },
  { name: 'studio-new', path: '/studio/new', ready: 'main form', fullPage: true },
  {
    name: 'studio-script',
    path: '/studio/refund-status-en',
    ready: '.studio-usage[data-loaded="ready"]',
    fullPage: true,
  },
  { name: 'people-users', path: '/admin/people', ready: '[data-list="users"]' },
  { name: 'people-teams', path: '/admin/people/teams', ready: '[data-list="teams"]' },
  { name: 'people-tokens', path: '/admin/people/tokens', ready: '[data-list="tokens"]' },
  { name: 'people-devices', path: '/admin/people/devices', ready: 'main h2' },
  { name: 'people-import', path: '/admin/people/import', ready: 'main input[type="file"]' },
  { name: 'people-audit', path: '/admin/people/audit', ready: '[data-list="audit"]' },
  { name: 'rules-tiers', path: '/admin/rules', ready: '[data-rule="0"]', fullPage: true },
  { name: 'rules-sla', path: '/admin/rules/sla', ready: 'main h2', fullPage: true },
  { name: 'rules-settings', path: '/admin/rules/settings', ready: 'main h2', fullPage: true },
  { name: 'rules-adapters', path: '/admin/rules/adapters', ready: 'main textarea', fullPage: true },
  {
    name: 'rules-alerts',
    path: '/admin/rules/alerts',
    ready: '#alerts-title',
    fullPage: true,
  },
  { name: 'rules-synonyms', path: '/admin/rules/synonyms', ready: '#synonyms-title', fullPage: true },
];

for (const lang of ['en', 'zh-CN', 'zh-TW'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({
      locale: lang,
      colorScheme: scheme,
      viewport: { width: 1280, height: 900 },
      timezoneId: 'Asia/Shanghai',
    });
    const page = await context.newPage();
    await page.goto(`${backend.url}/`);
    await page.getByRole('button').first().waitFor();
    await shot(page, 'sign-in', lang, scheme);
    await signInToConsole(page, backend, 'admin@acme.test', 'demo-admin');
    await page.locator('.dashboard[data-loaded="ready"]').waitFor();
    // ECharts animates in; let it settle.
    await page.waitForTimeout(1_500);
    await shot(page, 'dashboard', lang, scheme, true);
    await page.goto(`${backend.url}/tickets?agent=user_demo_bo`);
    await page.locator('[data-list="tickets"]').waitFor();
    await shot(page, 'tickets', lang, scheme);
    await page.locator('[data-list="tickets"] tbody a').first().click();
    await page.locator('article.score').first().waitFor();
    await shot(page, 'ticket', lang, scheme);
    await page.goto(`${backend.url}/alerts`);
    await page.locator('[data-list="alerts"], section[data-loaded="ready"]').first().waitFor();
    await shot(page, 'alerts', lang, scheme);
    await page.goto(`${backend.url}/actions`);
    await page.locator('[data-before-after], section[data-loaded="ready"]').first().waitFor();
    await page.waitForTimeout(500);
    await shot(page, 'actions', lang, scheme, true);
    await page.goto(`${backend.url}/admin/rollout`);
    await page.locator('#rollout-team option').nth(1).waitFor({ state: 'attached' });
    await shot(page, 'rollout', lang, scheme, true);
    await page.goto(`${backend.url}/admin/rollout/fleet`);
    await page.locator('.rollout-fleet[data-loaded="ready"]').waitFor();
    await shot(page, 'fleet', lang, scheme, true);
    for (const area of AREA_PAGES) {
      await page.goto(`${backend.url}${area.path}`);
      await page.locator(area.ready).first().waitFor();
      await page.waitForTimeout(300);
      await shot(page, area.name, lang, scheme, area.fullPage ?? false);
    }
    await context.close();
  }
}
await browser.close();
await backend.dispose();
