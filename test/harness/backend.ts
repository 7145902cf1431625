import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from '@playwright/test';
import type { AgentSettings } from '../../lib/schema/config';
import { type RunningServer, startServer } from '../../server/start';

/** A real backend on a throwaway SQLite file, with the demo org (and its agent token) seeded. */
export type TestBackend = RunningServer & { dispose: () => Promise<void> };

export async function startTestBackend(): Promise<TestBackend> {
  const dir = await mkdtemp(join(tmpdir(), 'desklens-e2e-'));
  const server = await startServer({
    port: 0,
    databaseUrl: join(dir, 'e2e.sqlite'),
    demo: true,
    logLevel: 'silent',
    // The test's browser keeps syncing on its kept-alive connection; don't let that hold the test open.
    shutdownGraceMs: 2_000,
  });
  return {
    ...server,
    dispose: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Write the agent's settings the way the options page does, from inside the extension's service worker. */
export async function configureExtension(worker: Worker, settings: AgentSettings): Promise<void> {
  await worker.evaluate(async (value) => {
    // why: this runs inside the extension's service worker, where `chrome` exists but is not typed here.
    const chromeApi = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } })
      .chrome;
    await chromeApi.storage.local.set({ settings: value });
  }, settings);
}
