import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** `npm run server -- --demo`, as the README tells a newcomer to run it. */
describe('npm run server -- --demo', () => {
  it('prints the demo tokens and the console users with their passwords, then serves', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'desklens-main-'));
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, 'main.ts'), '--demo'], {
      env: { ...process.env, PORT: '0', DATABASE_URL: join(dir, 'demo.sqlite'), LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      await new Promise<void>((ready, failed) => {
        child.stdout.on('data', () => {
          if (output.includes('DeskLens server on')) ready();
        });
        child.once('exit', (code) => failed(new Error(`exited with ${code}: ${output}`)));
      });
      const url = /DeskLens server on (\S+)/.exec(output)?.[1];
      expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
      const users = [...(/Console users: (.+)/.exec(output)?.[1] ?? '').matchAll(/(\S+@\S+) \/ (\S+) \((\w+)\)/g)];
      expect(users.map((user) => user[3]).sort()).toEqual(expect.arrayContaining(['admin', 'lead', 'trainer']));
      // Each printed password signs that user in to the console.
      for (const [, email, password] of users) {
        const signIn = await fetch(`${url}/api/v1/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password }),
        });
        expect(signIn.status, email).toBe(200);
      }
      expect(output).toMatch(/Agent API token: \S+ {2}Enrollment token: \S+/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
      await rm(dir, { recursive: true, force: true });
    }
    // Seeding hashes six demo passwords and each is then checked: twelve scrypt runs at OWASP's cost.
  }, 90_000);
});
