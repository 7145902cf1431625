import { buildSync } from 'esbuild';
import { launchChromiumWithExtension } from '../harness/chromium';
import { startFixtureServer } from '../harness/fixture-server';
import { FIXTURE_HOSTS } from '../harness/hosts';
import { p, report } from './stats-helpers';

/**
 * Adapter budgets in real Chromium, on the fixture pages: the adapter bundle is loaded into the page and
 * 200 tab switches are made. "Switch" = from the mutation batch that puts the new active pane in the DOM
 * (an observer registered just before the adapter's sees it first) to the adapter emitting that ticket's
 * context. "Batch" = time inside the adapter's MutationObserver callback per mutation batch.
 */
const SWITCHES = 200;
const bundle = buildSync({
  stdin: {
    contents:
      "export { createZendeskAdapter } from './lib/adapters/zendesk/adapter';\n" +
      "export { createSalesforceAdapter } from './lib/adapters/salesforce/adapter';",
    resolveDir: process.cwd(),
    loader: 'ts',
  },
  bundle: true,
  write: false,
  format: 'iife',
  globalName: 'DeskLensAdapters',
}).outputFiles[0]?.text;

interface Run {
  switchMs: number[];
  batchMs: number[];
  elements: number;
  panes: number;
}

const server = await startFixtureServer();
const browser = await launchChromiumWithExtension();
let failed = false;
try {
  const cases = [
    {
      name: 'zendesk',
      url: `${server.origin(FIXTURE_HOSTS.zendesk)}/agent/tickets/1001`,
      ids: ['1001', '1002', '1003'],
      container: 'main#main_panes',
      paneActive: '[data-test-id="ticket-%s-custom-layout"].active',
    },
    {
      name: 'salesforce',
      url: `${server.origin(FIXTURE_HOSTS.salesforce)}/lightning/r/Case/500Hs00001XyZaAIAV/view`,
      ids: ['500Hs00001XyZaAIAV', '500Hs00001XyZbBIAV', '500Hs00001XyZcCIAV'],
      container: '.navexWorkspaceManager',
      paneActive: 'section#tab-%s.active support-output-case-subject-field',
    },
  ];
  for (const c of cases) {
    const page = await browser.context.newPage();
    await page.goto(c.url);
    await page.addScriptTag({ content: bundle });
    // tsx compiles this file with keepNames: the evaluated function refers to its __name helper.
    await page.evaluate('window.__name = (f) => f');
    const run: Run = await page.evaluate(
      async ({ name, ids, container, switches, paneActiveTemplate }) => {
        const paneActive = (id: string) => paneActiveTemplate.replace('%s', id);
        const w = window as unknown as {
          __fixture: { navigate(id: string): void };
          DeskLensAdapters: Record<
            string,
            (win: Window) => { observe(s: AbortSignal, cb: (x: unknown) => void): void }
          >;
        };
        const batchMs: number[] = [];
        const Native = window.MutationObserver;
        // Time the adapter's own observer callback (the only one created while this wrapper is in place).
        window.MutationObserver = class extends Native {
          constructor(callback: MutationCallback) {
            super((records, observer) => {
              const start = performance.now();
              callback(records, observer);
              batchMs.push(performance.now() - start);
            });
          }
        };
        // Warm up: open all three tickets so every pane exists (lazy panes are built on first view).
        const settle = (id: string) =>
          new Promise<void>((done) => {
            const check = () => (document.querySelector(paneActive(id)) ? done() : setTimeout(check, 20));
            check();
          });
        for (const id of ids) {
          w.__fixture.navigate(id);
          await settle(id);
        }
        await new Promise((done) => setTimeout(done, 300));
        let paneAt = 0;
        let waitingFor = '';
        let resolveEmit: () => void = () => undefined;
        const switchMs: number[] = [];
        const probe = new Native(() => {
          if (waitingFor && !paneAt && document.querySelector(paneActive(waitingFor))) paneAt = performance.now();
        });
        probe.observe(document.querySelector(container) ?? document.body, {
          subtree: true,
          childList: true,
          attributes: true,
        });
        const factory =
          name === 'zendesk' ? w.DeskLensAdapters.createZendeskAdapter : w.DeskLensAdapters.createSalesforceAdapter;
        const controller = new AbortController();
        factory?.(window).observe(controller.signal, (snapshot) => {
          const s = snapshot as { ticket?: { ticketId: string }; missing: string[] };
          if (waitingFor && paneAt && s.ticket?.ticketId === waitingFor && s.missing.length === 0) {
            switchMs.push(performance.now() - paneAt);
            resolveEmit();
          }
        });
        window.MutationObserver = Native;
        for (let i = 0; i < switches; i++) {
          const id = ids[(i + 1) % ids.length] as string;
          paneAt = 0;
          waitingFor = id;
          const emitted = new Promise<void>((done) => {
            resolveEmit = done;
          });
          w.__fixture.navigate(id);
          await Promise.race([emitted, new Promise((done) => setTimeout(done, 3000))]);
          waitingFor = '';
        }
        controller.abort();
        probe.disconnect();
        return {
          switchMs,
          batchMs,
          elements: document.getElementsByTagName('*').length,
          panes: ids.length,
        };
      },
      {
        name: c.name,
        ids: c.ids,
        container: c.container,
        switches: SWITCHES,
        paneActiveTemplate: c.paneActive,
      },
    );
    const size = `${run.panes} open tickets, ${run.elements} elements`;
    report(`adapters ${c.name}`, `switches measured (${size})`, run.switchMs.length, `of ${SWITCHES}`);
    report(
      `adapters ${c.name}`,
      'pane in DOM → context emitted p95',
      p(run.switchMs, 0.95).toFixed(2),
      'ms',
      '≤ 16 ms',
    );
    report(
      `adapters ${c.name}`,
      `mutation batch p95 (${run.batchMs.length} batches)`,
      p(run.batchMs, 0.95).toFixed(3),
      'ms',
      '≤ 1 ms',
    );
    if (run.switchMs.length < SWITCHES || p(run.switchMs, 0.95) > 16 || p(run.batchMs, 0.95) > 1) failed = true;
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
if (failed) {
  console.error('adapters-switch: over budget');
  process.exit(1);
}
