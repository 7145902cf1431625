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

/** Signs in to the console as the demo org's admin and saves rule sets and settings, as the console does. */
export async function signInAsAdmin(
  backend: TestBackend,
): Promise<{ save: (kind: string, value: unknown) => Promise<Response> }> {
  const admin = backend.demo?.users.find((user) => user.role === 'admin');
  if (!admin) throw new Error('the demo org has no admin');
  const signIn = await fetch(`${backend.url}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  if (signIn.status !== 200) throw new Error(`admin sign-in answered ${signIn.status}`);
  const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
  return {
    save: (kind, value) =>
      fetch(`${backend.url}/api/v1/rules/${kind}`, {
        method: 'PUT',
        // A console session writes only from the console's own origin.
        headers: { 'content-type': 'application/json', cookie, origin: backend.url },
        body: JSON.stringify({ value }),
      }),
  };
}

/** The scores in force on the backend (one per ticket), as the lead's figures count them. */
export function currentScores(backend: TestBackend): Promise<{ helpdesk: string; ticket_id: string; csat: number }[]> {
  return backend.db
    .selectFrom('feedback')
    .select(['helpdesk', 'ticket_id', 'csat'])
    .where('is_current', '=', 1)
    .execute() as Promise<{ helpdesk: string; ticket_id: string; csat: number }[]>;
}

/** The adapter health events the backend received: which helpdesk, and the parts named. */
export async function healthReports(backend: TestBackend): Promise<{ helpdesk: string; missing: string[] }[]> {
  const rows = await backend.db
    .selectFrom('events')
    .select(['helpdesk', 'payload'])
    .where('type', '=', 'adapter_health')
    .execute();
  return rows.map((row) => ({
    helpdesk: row.helpdesk,
    missing: (JSON.parse(row.payload) as { missing: string[] }).missing,
  }));
}
