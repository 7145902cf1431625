import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishScripts } from '../../server/catalog/catalog.handlers';
import { tokenForUser } from '../../server/testing';
import { startTestBackend, type TestBackend } from '../../test/harness/backend';
import { ScriptEntry } from '../schema/scripts';
import { DEFAULT_CATALOG } from '../scripts/default-catalog';
import { createScriptIndex, indexKey } from '../scripts/rank';
import { BUILTIN_VERSION, pullCatalog } from './catalog';
import { forgetIndexInMemory, scriptIndexFor } from './catalog-index';
import { DeskLensDatabase } from './db';

const refundTicket = { subject: 'Refund', latestCustomerMessage: 'Where is my refund?' };
const ids = (index: Awaited<ReturnType<typeof scriptIndexFor>>, ticket = refundTicket) =>
  index.suggest(ticket, { tier: 'general' }).map((s) => s.script.id);

describe('the script index across service-worker stops', () => {
  it('is built once, stored under its key, and loaded as stored on wake', async () => {
    const db = new DeskLensDatabase(`index-${crypto.randomUUID()}`);
    forgetIndexInMemory();
    const built = await scriptIndexFor(db);
    expect(ids(built)[0]).toBe('refund-status-en');
    const stored = await db.scriptIndex.get('current');
    expect(stored?.key).toBe(indexKey(BUILTIN_VERSION, []));

    // What is stored is what a woken worker ranks with: replace it by an index of one script under the same key.
    const only = createScriptIndex(DEFAULT_CATALOG.filter((s) => s.id === 'refund-status-en'));
    await db.scriptIndex.put({ id: 'current', key: stored?.key ?? '', ...only.toStored(), builtAt: 1 });
    forgetIndexInMemory();
    const woken = await scriptIndexFor(new DeskLensDatabase(db.name));
    expect(ids(woken, { subject: 'Hello', latestCustomerMessage: 'I was charged twice' })).not.toContain(
      'double-charge-en',
    );
    await db.delete();
  });

  it('is rebuilt when the stored one was built for something else or in another layout', async () => {
    const db = new DeskLensDatabase(`index-${crypto.randomUUID()}`);
    await db.scriptIndex.put({ id: 'current', key: 'another-catalog', terms: { version: 0 } as never, builtAt: 1 });
    forgetIndexInMemory();
    expect(ids(await scriptIndexFor(db))[0]).toBe('refund-status-en');
    expect((await db.scriptIndex.get('current'))?.key).toBe(indexKey(BUILTIN_VERSION, []));
    await db.delete();
  });
});

describe('the script index and catalog pulls (real backend)', () => {
  let server: TestBackend;
  beforeAll(async () => {
    server = await startTestBackend();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('applies a pulled delta in place, analysing only the new and changed scripts, and stores it', async () => {
    const db = new DeskLensDatabase(`index-${crypto.randomUUID()}`);
    const target = { backendUrl: server.url, token: server.demo?.agentToken ?? '' };
    forgetIndexInMemory();
    expect(await pullCatalog(db, target)).toBe('updated');
    await scriptIndexFor(db);
    const first = await db.scriptIndex.get('current');

    // Mark the stored index: a delta applied to it keeps the mark, a rebuild from the catalog would lose it.
    const marked = createScriptIndex([
      ...DEFAULT_CATALOG,
      ScriptEntry.parse({ id: 'only-in-old-index', title: 'Parking', body: 'Parking', locale: 'en', scenario: 'x' }),
    ]);
    await db.scriptIndex.put({ id: 'current', key: first?.key ?? '', ...marked.toStored(), builtAt: 1 });
    forgetIndexInMemory();

    await publishScripts(server.db, server.demo?.orgId ?? '', [
      ScriptEntry.parse({
        id: 'customs-hold',
        title: 'Parcel held at customs',
        body: 'Your parcel is waiting for a customs declaration.',
        locale: 'en',
        scenario: 'shipping_delay',
        phrases: ['held at customs'],
      }),
    ]);
    expect(await pullCatalog(db, target)).toBe('updated');
    const after = await db.scriptIndex.get('current');
    expect(after?.key).not.toBe(first?.key);
    expect(after?.terms.ids).toContain('customs-hold');
    expect(after?.terms.ids).toContain('only-in-old-index');

    forgetIndexInMemory();
    const index = await scriptIndexFor(new DeskLensDatabase(db.name));
    const [top] = index.suggest({ latestCustomerMessage: 'My parcel is held at customs' }, { tier: 'general' });
    expect(top?.script.id).toBe('customs-hold');
    expect(top?.reasons).toContainEqual({ kind: 'phrase', phrase: 'held at customs' });
    await db.delete();
  });

  it('ranks with the organisation’s synonyms that came with the catalog', async () => {
    const admin = await tokenForUser(server.db, 'admin@acme.test');
    const put = await fetch(`${server.url}/api/v1/rules/synonyms`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ value: [['refund', 'payback']] }),
    });
    expect(put.status).toBe(200);
    const db = new DeskLensDatabase(`index-${crypto.randomUUID()}`);
    forgetIndexInMemory();
    expect(await pullCatalog(db, { backendUrl: server.url, token: server.demo?.agentToken ?? '' })).toBe('updated');
    const [top] = (await scriptIndexFor(db)).suggest(
      { latestCustomerMessage: 'When do I get my payback?' },
      { tier: 'general' },
    );
    expect(top?.script.id).toBe('refund-status-en');
    expect(top?.reasons).toContainEqual({ kind: 'synonym', said: 'payback', means: 'refund' });
    await db.delete();
  });
});
