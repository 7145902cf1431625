import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, type StartOptions, startServer } from '../start';
import { createTestDatabase, type TestDatabase } from '../testing';

/**
 * The sign-in limiter over real HTTP, where the client address is a socket's: requests leave from chosen loopback
 * addresses (127.0.0.2, 127.0.0.3 …) so "another address" is a real one, and X-Forwarded-For is whatever the
 * client writes.
 */
function post(
  url: string,
  body: unknown,
  options: { from?: string; forwardedFor?: string } = {},
): Promise<{ status: number; retryAfter?: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        localAddress: options.from ?? '127.0.0.1',
        headers: {
          'content-type': 'application/json',
          ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

async function running(options: Partial<StartOptions> = {}): Promise<{ server: RunningServer; db: TestDatabase }> {
  const db = await createTestDatabase('sqlite');
  const server = await startServer({ port: 0, databaseUrl: db.url, demo: true, logLevel: 'silent', ...options });
  return { server, db };
}

const randomAddress = () => `198.51.100.${1 + ((randomBytes(1)[0] ?? 0) % 250)}`;

describe('sign-in limits by the real client address', () => {
  let plain: { server: RunningServer; db: TestDatabase };
  beforeAll(async () => {
    plain = await running();
  });
  afterAll(async () => {
    await plain?.server.close();
    await plain?.db.drop();
  });
  const signIn = (email: string, password: string, options?: { from?: string; forwardedFor?: string }) =>
    post(`${plain.server.url}/api/v1/sessions`, { email, password }, options);

  it('ignores X-Forwarded-For from a client that is not a trusted proxy: rotating it buys nothing', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt++)
      statuses.push((await signIn('lin@acme.test', 'guess', { forwardedFor: randomAddress() })).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429]);
  });

  it('lets the account’s owner in from another address after an attacker’s ten wrong passwords', async () => {
    for (let attempt = 0; attempt < 10; attempt++)
      expect((await signIn('tara@acme.test', 'guess', { from: '127.0.0.2' })).status).toBe(401);
    const attacker = await signIn('tara@acme.test', 'demo-trainer', { from: '127.0.0.2' });
    expect(attacker.status).toBe(429);
    expect(Number(attacker.retryAfter)).toBeGreaterThan(0);
    expect((await signIn('tara@acme.test', 'demo-trainer', { from: '127.0.0.3' })).status).toBe(200);
  });

  it('behind a trusted proxy, counts each forwarded client apart (and a client cannot forge the proxy’s entry)', async () => {
    const proxied = await running({ trustedProxies: ['loopback'] });
    try {
      const url = `${proxied.server.url}/api/v1/sessions`;
      for (let attempt = 0; attempt < 10; attempt++)
        await post(url, { email: 'lee@acme.test', password: 'guess' }, { forwardedFor: '203.0.113.7' });
      // A forged left-most entry does not hide the address the proxy saw (the right-most untrusted one).
      expect(
        (
          await post(
            url,
            { email: 'lee@acme.test', password: 'demo-lead' },
            { forwardedFor: '203.0.113.9, 203.0.113.7' },
          )
        ).status,
      ).toBe(429);
      expect(
        (await post(url, { email: 'lee@acme.test', password: 'demo-lead' }, { forwardedFor: '203.0.113.8' })).status,
      ).toBe(200);
    } finally {
      await proxied.server.close();
      await proxied.db.drop();
    }
  });

  it('stops password spraying from one address across accounts', async () => {
    const spraying = await running({ identityLimits: { signInFailuresPerAddress: 4 } });
    try {
      const url = `${spraying.server.url}/api/v1/sessions`;
      const statuses: number[] = [];
      for (const email of ['a@acme.test', 'b@acme.test', 'lee@acme.test', 'lin@acme.test', 'tara@acme.test'])
        statuses.push((await post(url, { email, password: 'Summer2026!' }, { from: '127.0.0.4' })).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      // Someone else, elsewhere, is not affected.
      expect(
        (await post(url, { email: 'tara@acme.test', password: 'demo-trainer' }, { from: '127.0.0.5' })).status,
      ).toBe(200);
    } finally {
      await spraying.server.close();
      await spraying.db.drop();
    }
  });

  it('caps enrollment requests from one address: 100 in a minute get 30 through, then 429', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 100; attempt++)
      statuses.push(
        (
          await post(
            `${plain.server.url}/api/v1/enroll`,
            {
              enrollmentToken: plain.server.demo?.enrollmentToken,
              agent: { email: `flood-${attempt}@acme.test` },
              deviceSecret: randomBytes(32).toString('base64url'),
            },
            { from: '127.0.0.6', forwardedFor: randomAddress() },
          )
        ).status,
      );
    expect(statuses.filter((s) => s === 202)).toHaveLength(30);
    expect(statuses.slice(30).every((s) => s === 429)).toBe(true);
    const stored = await plain.server.db
      .selectFrom('devices')
      .select('id')
      .where('requested_from', '=', '127.0.0.6')
      .execute();
    expect(stored).toHaveLength(30);
  });
});
