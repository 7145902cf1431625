import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { ROOT } from './paths';

/** A free TCP port on 127.0.0.1 (closed again, so a server can take it later). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Kill without warning: no graceful shutdown, requests in flight are cut. */
  kill9: () => Promise<void>;
  stop: () => Promise<void>;
}

/**
 * `npm run server -- --demo` as its own process (node + tsx loader, so SIGKILL hits the server itself, not a
 * wrapper), on a fixed port and database file, ready once /api/v1/health answers.
 */
export async function startServerProcess(
  port: number,
  databaseUrl: string,
  /** Caps the server's V8 heap (MiB): a benchmark proves work streams by finishing under a small cap. */
  maxHeapMb?: number,
  /** More environment for the server (limits, REDIS_URL…). */
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const heap = maxHeapMb ? [`--max-old-space-size=${maxHeapMb}`] : [];
  const child = spawn(process.execPath, [...heap, '--import', 'tsx', resolve(ROOT, 'server/main.ts'), '--demo'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  // A first start seeds the demo users, hashing six passwords at OWASP's scrypt cost (128 MiB, ~0.5 s each on an
  // idle 2-core box, many times that on a loaded one).
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server did not become healthy in 60 s');
    await new Promise((done) => setTimeout(done, 100));
  }
  const exited = () =>
    new Promise<void>((done) =>
      child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done()),
    );
  return {
    child,
    url,
    kill9: async () => {
      child.kill('SIGKILL');
      await exited();
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited();
    },
  };
}
