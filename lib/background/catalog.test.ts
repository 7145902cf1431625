import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishScripts } from '../../server/catalog/catalog.handlers';
import { startTestBackend, type TestBackend } from '../../test/harness/backend';
import { ScriptEntry } from '../schema/scripts';
import { DEFAULT_CATALOG } from '../scripts/default-catalog';
import { pullCatalog, readCatalog } from './catalog';
import { DeskLensDatabase } from './db';

describe('catalog pull against a real backend', () => {
  let server: TestBackend;
  const requests: number[] = [];
  const realFetch = globalThis.fetch;
  beforeAll(async () => {
    server = await startTestBackend();
    globalThis.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      requests.push(response.status);
      return response;
    };
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await server?.dispose();
  });

  it('pulls once, then an unchanged catalog costs one 304 with no body, and a publish arrives on the next pull', async () => {
    const db = new DeskLensDatabase(`catalog-${crypto.randomUUID()}`);
    const target = { backendUrl: server.url, token: server.demo?.agentToken ?? '' };
    expect(await readCatalog(db)).toBe(DEFAULT_CATALOG);
    expect(await pullCatalog(db, target)).toBe('updated');
    expect((await readCatalog(db)).length).toBe(DEFAULT_CATALOG.length);

    requests.length = 0;
    expect(await pullCatalog(db, target)).toBe('unchanged');
    expect(requests).toEqual([304]);

    await publishScripts(server.db, server.demo?.orgId ?? '', [
      ScriptEntry.parse({ id: 'new-one', title: 'New', body: 'New script', locale: 'en', scenario: 'greeting' }),
    ]);
    expect(await pullCatalog(db, target)).toBe('updated');
    expect((await readCatalog(db)).map((s) => s.id)).toContain('new-one');
    await db.delete();
  });

  it('keeps the catalog it has when the server is unreachable', async () => {
    const db = new DeskLensDatabase(`catalog-${crypto.randomUUID()}`);
    const result = await pullCatalog(db, { backendUrl: 'http://127.0.0.1:9', token: 'x' });
    expect(result).toMatchObject({ error: expect.stringContaining('could not fetch scripts') });
    expect(await readCatalog(db)).toBe(DEFAULT_CATALOG);
    await db.delete();
  });
});

describe('database migrations', () => {
  it('v2 → current keeps the pulled catalog and adds the tier cache, the script index and the vault', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores({ outbox: 'id, state', ticketFeedback: '[helpdesk+ticketId+round], eventId', meta: 'key' });
    v2.version(2).stores({ catalog: 'id' });
    await v2.table('catalog').add({ id: 'greeting-en', entry: DEFAULT_CATALOG[0] });
    await v2.table('meta').add({ key: 'catalog', value: { etag: '"v1"', pulledAt: 1 } });
    v2.close();

    const current = new DeskLensDatabase(name);
    expect(current.verno).toBe(5);
    expect((await current.catalog.get('greeting-en'))?.entry).toEqual(DEFAULT_CATALOG[0]);
    expect((await current.meta.get('catalog'))?.value).toEqual({ etag: '"v1"', pulledAt: 1 });
    expect(await current.tierCache.count()).toBe(0);
    expect(await current.scriptIndex.count()).toBe(0);
    expect(await current.vault.count()).toBe(0);
    await current.delete();
  });

  it('v1 → current keeps queued events and scores and adds the catalog and the tier cache', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ outbox: 'id, state', ticketFeedback: '[helpdesk+ticketId+round], eventId', meta: 'key' });
    await v1.table('outbox').add({
      id: '01a0',
      type: 'feedback',
      state: 'queued',
      attempts: 0,
      notBefore: 0,
      createdAt: 1,
      event: { csat: 4 },
    });
    await v1.table('ticketFeedback').add({
      helpdesk: 'zendesk',
      ticketId: '1',
      round: 'initial',
      eventId: '01a0',
      csat: 4,
      capturedAt: 'x',
      synced: false,
    });
    v1.close();

    const v2 = new DeskLensDatabase(name);
    expect(await v2.outbox.get('01a0')).toMatchObject({ state: 'queued', event: { csat: 4 } });
    expect(await v2.ticketFeedback.count()).toBe(1);
    expect(await v2.catalog.count()).toBe(0);
    expect(await v2.tierCache.count()).toBe(0);
    expect(await v2.scriptIndex.count()).toBe(0);
    expect(await v2.vault.count()).toBe(0);
    expect(v2.verno).toBe(5);
    await v2.delete();
  });
});
