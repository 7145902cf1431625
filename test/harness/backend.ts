import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AgentSettings, CONNECTION_KEYS } from '../../lib/schema/config';
import { type RunningServer, startServer } from '../../server/start';
import type { ExtensionBrowser } from './chromium';

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

/**
 * Saves the agent's settings the way the options page does: the connection (server, enrollment token, pasted token,
 * email) through the background's privileged message, from the extension's own page; the rest in storage.local.
 */
export async function configureExtension(
  extension: Pick<ExtensionBrowser, 'context' | 'extensionId'>,
  settings: AgentSettings,
): Promise<void> {
  const page = await extension.context.newPage();
  try {
    await page.goto(`chrome-extension://${extension.extensionId}/options.html`);
    const answer = await page.evaluate(
      async ({ value, connectionKeys }) => {
        // why: this runs in the extension's options page, where `chrome` exists but is not typed here.
        const chromeApi = (
          globalThis as unknown as {
            chrome: {
              runtime: { sendMessage(m: object): Promise<{ ok: boolean; error?: string }> };
              storage: { local: { set(v: object): Promise<void> } };
            };
          }
        ).chrome;
        const entries = Object.entries(value);
        const connection = Object.fromEntries(entries.filter(([key]) => connectionKeys.includes(key)));
        const preferences = Object.fromEntries(entries.filter(([key]) => !connectionKeys.includes(key)));
        await chromeApi.storage.local.set({ settings: preferences });
        return chromeApi.runtime.sendMessage({ kind: 'setConnection', connection });
      },
      { value: settings, connectionKeys: [...CONNECTION_KEYS] as string[] },
    );
    if (!answer.ok) throw new Error(`the background refused the connection: ${answer.error}`);
  } finally {
    await page.close();
  }
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
