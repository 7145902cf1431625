import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startServer } from '../server/start';
import { configureExtension } from '../test/harness/backend';
import { launchChromiumWithExtension } from '../test/harness/chromium';
import { seedDemoHistory } from '../test/harness/console';
import { startFixtureServer } from '../test/harness/fixture-server';
import { FIXTURE_HOSTS } from '../test/harness/hosts';
import { CHROME_BUILD, ROOT } from '../test/harness/paths';

/**
 * `npm start`: everything a newcomer needs to see DeskLens working, on one machine, offline.
 * `npm start -- --open` also opens Chromium with the extension, pointed at the demo backend.
 */
const open = process.argv.includes('--open');
const backendPort = Number(process.env.PORT ?? 8787);
const pagesPort = Number(process.env.DEMO_PAGES_PORT ?? 8443);

console.log('Building the extension (Chrome/Edge MV3 and Firefox)…');
execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'ignore' });
execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: ROOT, stdio: 'ignore' });
console.log('Building the console…');
execFileSync('npx', ['vite', 'build', '--config', 'console/vite.config.ts', '--logLevel', 'error'], {
  cwd: ROOT,
  stdio: 'ignore',
});

mkdirSync(resolve(ROOT, 'data'), { recursive: true });
const backend = await startServer({
  port: backendPort,
  databaseUrl: process.env.DATABASE_URL ?? resolve(ROOT, 'data/demo.sqlite'),
  demo: true,
  logLevel: 'warn',
});
// Sixty days of sample scores, so the console has figures to show at once (only into an empty database).
await seedDemoHistory(backend);
const pages = await startFixtureServer(pagesPort);
const demo = backend.demo;

const zendesk = `${pages.origin(FIXTURE_HOSTS.zendesk)}/agent/tickets/1001`;
const salesforce = `${pages.origin(FIXTURE_HOSTS.salesforce)}/lightning/r/Case/500Hs00001XyZaAIAV/view`;
console.log(`
DeskLens demo is running.

  Console            ${backend.url}/   (team leads: sign in with a lead or admin below)
  Backend            ${backend.url}   (API description: ${backend.url}/api/v1/openapi.json)
  Agent API token    ${demo?.agentToken ?? '(none)'}
  Enrollment token   ${demo?.enrollmentToken ?? '(none)'}
  Console users      ${demo?.users.map((u) => `${u.email} / ${u.password} (${u.role})`).join('\n                     ') ?? '(none)'}

  Demo helpdesk pages (self-signed HTTPS; the host names must resolve to 127.0.0.1):
    Zendesk          ${zendesk}
    Salesforce       ${salesforce}

  Load the extension: chrome://extensions → Developer mode → Load unpacked → ${CHROME_BUILD}
  Then in DeskLens options set the server URL to ${backend.url} and paste the agent API token.
  Or run "npm start -- --open" to get a Chromium with all of that done.

Press Ctrl+C to stop.`);

const closers: (() => Promise<void>)[] = [() => pages.close(), () => backend.close()];

if (open) {
  const headless = !process.env.DISPLAY;
  if (headless) console.log('\nNo DISPLAY: Chromium runs headless (set DISPLAY, e.g. under Xvfb, to see it).');
  const browser = await launchChromiumWithExtension({ headless });
  // The way the options page does it: the connection through the background, preferences in storage.local.
  await configureExtension(browser, {
    backendUrl: backend.url,
    agentToken: demo?.agentToken,
    agentName: 'Ada Agent',
    agentEmail: 'ada@acme.test',
  });
  const page = await browser.context.newPage();
  await page.goto(zendesk);
  closers.unshift(() => browser.close());
  console.log(`Chromium is open on ${zendesk}`);
}

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  for (const close of closers) await close().catch(() => undefined);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
