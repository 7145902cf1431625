import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../../test/harness/backend';
import { DeskLensDatabase } from './db';
import { lookupCustomerTier } from './tier-cache';

let server: TestBackend;
const realFetch = globalThis.fetch;
let requests = 0;
beforeAll(async () => {
  server = await startTestBackend();
  globalThis.fetch = (input, init) => {
    requests++;
    return realFetch(input, init);
  };
});
afterAll(async () => {
  globalThis.fetch = realFetch;
  await server?.dispose();
});

it('looks a customer up once, serves the cached tier until it expires, and remembers unknown customers briefly', async () => {
  const db = new DeskLensDatabase(`tiers-${crypto.randomUUID()}`);
  const target = { backendUrl: server.url, token: server.demo?.agentToken ?? '' };
  const alan = { helpdesk: 'zendesk', requester: { id: '503', email: 'alan@example.org' } };
  const now = Date.parse('2026-11-22T10:00:00Z');
  requests = 0;
  expect((await lookupCustomerTier(db, target, alan, now))?.tier.id).toBe('vip');
  expect((await lookupCustomerTier(db, target, alan, now + 59 * 60_000))?.tier.id).toBe('vip');
  expect(requests).toBe(1);
  await lookupCustomerTier(db, target, alan, now + 61 * 60_000);
  expect(requests).toBe(2);

  const stranger = { helpdesk: 'zendesk', requester: { email: 'nobody@example.com' } };
  expect(await lookupCustomerTier(db, target, stranger, now)).toBeUndefined();
  expect(await lookupCustomerTier(db, target, stranger, now + 60_000)).toBeUndefined();
  expect(requests).toBe(3);
  await db.delete();
});

it('falls back quietly when the backend is unreachable, caching nothing', async () => {
  const db = new DeskLensDatabase(`tiers-${crypto.randomUUID()}`);
  expect(
    await lookupCustomerTier(
      db,
      { backendUrl: 'http://127.0.0.1:9', token: 'x' },
      { helpdesk: 'zendesk', requester: { id: '1' } },
    ),
  ).toBeUndefined();
  expect(await db.tierCache.count()).toBe(0);
  await db.delete();
});
