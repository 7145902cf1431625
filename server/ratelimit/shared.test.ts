import { randomBytes } from 'node:crypto';
import { createClient } from '@redis/client';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/schema';
import { type RunningServer, type StartOptions, startServer } from '../start';
import { createTestDatabase, postgresUnavailableReason, type TestDatabase, tokenForUser } from '../testing';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const skipPostgres = await postgresUnavailableReason();

async function redisUnavailableReason(): Promise<string | undefined> {
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 1_000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return `Redis not reachable at ${REDIS_URL}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    client.destroy();
  }
}
const skipRedis = await redisUnavailableReason();

/** Sends `count` requests alternately to each server and returns their statuses in order. */
async function alternate(servers: RunningServer[], count: number, path: string, headers: Record<string, string>) {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const server = servers[i % servers.length];
    const response = await fetch(`${server?.url}${path}`, { headers });
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
}

/** Two instances on one PostgreSQL database, as behind a load balancer. */
function twoInstances(extra: Partial<StartOptions>) {
  const state: { database?: TestDatabase; servers: RunningServer[] } = { servers: [] };
  beforeAll(async () => {
    state.database = await createTestDatabase('postgres');
    const options: StartOptions = {
      databaseUrl: state.database.url,
      logLevel: 'silent',
      rateLimitPerMinute: 10,
      anonymousRateLimitPerMinute: 8,
      ...extra,
    };
    // Seeding twice is harmless (the demo seed leaves what exists).
    state.servers = [await startServer({ ...options, demo: true }), await startServer({ ...options, demo: true })];
  });
  afterAll(async () => {
    for (const server of state.servers) await server.close();
    await state.database?.drop();
  });
  return state;
}

function provesSharedLimits(state: { servers: RunningServer[] }) {
  it('allows a token its limit across both instances together, not on each', async () => {
    const token = state.servers[0]?.demo?.agentToken ?? '';
    const statuses = await alternate(state.servers, 14, '/api/v1/config', { authorization: `Bearer ${token}` });
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429]);
  });

  it('allows an address its budget without credentials across both instances, refused tokens included', async () => {
    const anonymous = await alternate(state.servers, 6, '/api/v1/openapi.json', {});
    expect(anonymous).toEqual(Array(6).fill(200));
    const guesses = await alternate(state.servers, 4, '/api/v1/config', { authorization: 'Bearer dl_agent_guess' });
    // Two more fit in the budget of 8 (answered 401); after that the address is refused on either instance.
    expect(guesses).toEqual([401, 401, 429, 429]);
    const refused = await fetch(`${state.servers[1]?.url}/api/v1/openapi.json`);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Health checks from the load balancer are never refused, and nor is anyone with valid credentials.
    expect((await fetch(`${state.servers[0]?.url}/api/v1/health`)).status).toBe(200);
    const lead = await tokenForUser(state.servers[0]?.db as Kysely<Database>, 'lee@acme.test');
    const me = await fetch(`${state.servers[1]?.url}/api/v1/me`, { headers: { authorization: `Bearer ${lead}` } });
    expect(me.status).toBe(200);
  });
}

describe.skipIf(skipPostgres)('rate limits shared on PostgreSQL', () => {
  const state = twoInstances({});
  provesSharedLimits(state);
});

describe.skipIf(skipPostgres || skipRedis)('rate limits shared on Redis', () => {
  const prefix = `desklens-test-${randomBytes(4).toString('hex')}:`;
  const state = twoInstances({ redisUrl: REDIS_URL, limitKeyPrefix: prefix });
  provesSharedLimits(state);

  it('counts in Redis, under its own prefix, with nothing in the database', async () => {
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    try {
      const keys = await client.keys(`${prefix}*`);
      expect(keys.some((key) => key.startsWith(`${prefix}rl:credential:`))).toBe(true);
      expect(keys.some((key) => key.startsWith(`${prefix}rl:address:`))).toBe(true);
      if (keys.length) await client.del(keys);
    } finally {
      client.destroy();
    }
    const rows = await state.servers[0]?.db.selectFrom('rate_limit_hits').selectAll().execute();
    expect(rows).toEqual([]);
  });
});

describe('rate limits when the shared store is down', () => {
  it('let requests through instead of taking the API down', async () => {
    const database = await createTestDatabase('sqlite');
    // Nothing listens on port 1: every count fails.
    const server = await startServer({
      databaseUrl: database.url,
      demo: true,
      logLevel: 'silent',
      redisUrl: 'redis://127.0.0.1:1',
      rateLimitPerMinute: 2,
    });
    try {
      const statuses = await alternate([server], 5, '/api/v1/config', {
        authorization: `Bearer ${server.demo?.agentToken}`,
      });
      expect(statuses).toEqual([200, 200, 200, 200, 200]);
    } finally {
      await server.close();
      await database.drop();
    }
  });
});
