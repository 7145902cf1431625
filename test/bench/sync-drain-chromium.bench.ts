import { performance } from 'node:perf_hooks';
import { configureExtension, startTestBackend } from '../harness/backend';
import { launchChromiumWithExtension } from '../harness/chromium';
import { report } from './stats-helpers';

/**
 * The drain budget measured where it matters: the built extension in Chromium (real IndexedDB, real service
 * worker, ky) draining 10,000 queued scores into a local backend on SQLite over HTTP.
 */
const EVENTS = 10_000;
const backend = await startTestBackend();
const browser = await launchChromiumWithExtension();
try {
  const worker = await browser.serviceWorker();
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  // No server configured yet: every score stays queued, as on a browser that was offline all day.
  const queued = await page.evaluate(async (count) => {
    // why: runs in the extension page, where `chrome` exists but is not typed here.
    const runtime = (
      globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } } }
    ).chrome.runtime;
    let ok = 0;
    for (let start = 0; start < count; start += 200) {
      const answers = await Promise.all(
        Array.from({ length: Math.min(200, count - start) }, (_, i) =>
          runtime.sendMessage({
            kind: 'captureFeedback',
            event: {
              type: 'feedback',
              helpdesk: 'zendesk',
              ticketId: String(500_000 + start + i),
              customer: {},
              csat: ((start + i) % 5) + 1,
              round: 'initial',
              retracted: false,
            },
          }),
        ),
      );
      ok += answers.filter((a) => a.ok).length;
    }
    return ok;
  }, EVENTS);

  const requests: number[] = [];
  browser.context.on('request', (request) => {
    if (request.url().startsWith(backend.url) && request.method() === 'POST') {
      // Service-worker request bodies are not visible here; bytes per event come from sync-drain.bench.ts.
      requests.push(1);
    }
  });
  const started = performance.now();
  await configureExtension(browser, { backendUrl: backend.url, agentToken: backend.demo?.agentToken });
  await page.evaluate(async () => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
      .chrome.runtime;
    await runtime.sendMessage({ kind: 'syncNow' });
  });
  let stored = 0;
  while (stored < EVENTS && performance.now() - started < 60_000) {
    stored = Number(
      (
        await backend.db
          .selectFrom('feedback')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    if (stored < EVENTS) await new Promise((done) => setTimeout(done, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  report('sync', `Chromium: drain ${queued} queued scores to a local backend (SQLite)`, seconds, 's', '≤ 5 s');
  report('sync', 'Chromium: requests per 100 events', (requests.length / EVENTS) * 100, '', '≤ 1');
  report('sync', 'Chromium: stored in the backend', `${stored} of ${EVENTS}`, '');
  if (stored !== EVENTS) process.exitCode = 1;
} finally {
  await browser.close();
  await backend.dispose();
}
