import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { FIXTURE_HOSTS } from './hosts';

/**
 * A real Redmine (Debian's package, SQLite, thin) for the end-to-end tests, started on a fresh copy of the database
 * `scripts/redmine-setup.sh` seeded once: every run starts from the same tickets and conversation, and seeding is
 * not paid again. Reached in the browser at `http://redmine.internal:<port>` (mapped to 127.0.0.1), an intranet
 * helpdesk on plain http and a non-default port, the two things issue 18 found unsupported.
 */
const DB_DIR = '/var/lib/redmine/default/db';
export const REDMINE_SEED = join(DB_DIR, 'desklens-seed.sqlite3');
const REDMINE_HOME = '/usr/share/redmine';

/** Why Redmine cannot run here (the spec is skipped with this reason), or undefined. */
export function redmineUnavailable(): string | undefined {
  if (!existsSync(REDMINE_SEED)) {
    return `no seeded Redmine (${REDMINE_SEED}): run "sudo bash scripts/redmine-setup.sh" (.ci/run does)`;
  }
  if (process.getuid?.() !== 0) return 'starting Redmine as www-data needs root';
  if (!existsSync(join(REDMINE_HOME, 'config.ru'))) return 'the redmine package is not installed';
  return undefined;
}

export interface RedmineServer {
  /** `http://redmine.internal:<port>`, as the agent's browser opens it. */
  origin: string;
  /** `http://127.0.0.1:<port>`, for the test's own REST calls. */
  api: string;
  port: number;
  /** The admin's REST key; `rest()` sends it. */
  apiKey: string;
  /** A REST call as the admin, or as another user with `asUser` (Redmine's X-Redmine-Switch-User). */
  rest(path: string, init?: { method?: string; body?: unknown; asUser?: string }): Promise<Response>;
  close(): Promise<void>;
}

/** A free port below the ephemeral range (thin dies when a client's ephemeral port took the one it wanted). */
async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((done) => {
      const probe = createServer();
      probe.once('error', () => done(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port below 32768 for Redmine');
}

function userIds(name: string): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim()),
    gid: Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim()),
  };
}

export async function startRedmine(): Promise<RedmineServer> {
  const dir = mkdtempSync('/tmp/desklens-redmine-');
  const db = join(dir, 'redmine.sqlite3');
  copyFileSync(REDMINE_SEED, db);
  const { uid, gid } = userIds('www-data');
  // www-data writes the database and its journal next to it.
  chownSync(dir, uid, gid);
  chownSync(db, uid, gid);
  const apiKey = new Database(db, { readonly: true })
    .prepare("SELECT value FROM tokens WHERE action = 'api' AND user_id = (SELECT id FROM users WHERE login = 'admin')")
    .pluck()
    .get() as string | undefined;
  if (!apiKey) throw new Error(`${REDMINE_SEED} has no admin API key: rerun scripts/redmine-setup.sh --force`);

  const port = await freePort();
  const log = join(dir, 'thin.log');
  const server: ChildProcess = spawn(
    'runuser',
    [
      '-u',
      'www-data',
      '--',
      'env',
      'REDMINE_INSTANCE=default',
      'RAILS_ENV=production',
      // Rails merges DATABASE_URL over the instance's database.yml: this run's own copy.
      `DATABASE_URL=sqlite3:${db}`,
      'bundle',
      'exec',
      'rackup',
      '-E',
      'production',
      '-s',
      'thin',
      '-o',
      '127.0.0.1',
      '-p',
      String(port),
    ],
    { cwd: REDMINE_HOME, stdio: ['ignore', openSync(log, 'a'), openSync(log, 'a')] },
  );
  const exited = new Promise<number | null>((done) => server.once('exit', (code) => done(code)));
  const api = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (server.exitCode === null) server.kill('SIGTERM');
    await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))]);
    rmSync(dir, { recursive: true, force: true });
  };
  const started = Date.now();
  for (;;) {
    if (server.exitCode !== null) {
      const tail = readFileSync(log, 'utf8').slice(-2000);
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`Redmine exited with ${server.exitCode}:\n${tail}`);
    }
    const up = await fetch(`${api}/login`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() - started > 90_000) {
      await close();
      throw new Error('Redmine did not answer within 90 s');
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  return {
    origin: `http://${FIXTURE_HOSTS.redmine}:${port}`,
    api,
    port,
    apiKey,
    rest: (path, init = {}) =>
      fetch(`${api}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: {
          'X-Redmine-API-Key': apiKey,
          'Content-Type': 'application/json',
          ...(init.asUser ? { 'X-Redmine-Switch-User': init.asUser } : {}),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      }),
    close,
  };
}
