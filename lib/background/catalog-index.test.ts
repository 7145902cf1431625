import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishScripts } from '../../server/catalog/catalog.handlers';
import { tokenForUser } from '../../server/testing';
import { startTestBackend, type TestBackend } from '../../test/harness/backend';
import { ScriptEntry } from '../schema/scripts';
import { DEFAULT_CATALOG } from '../scripts/default-catalog';
import { createScriptIndex, indexKey, type SuggestionContext, type SuggestOptions } from '../scripts/rank';
import { BUILTIN_VERSION, pullCatalog } from './catalog';
import { forgetIndexInMemory, scriptIndexFor, showSuggestions, storeScriptIndex } from './catalog-index';
import { DeskLensDatabase, type ScriptIndexRow } from './db';

const refundTicket = { subject: 'Refund', latestCustomerMessage: 'Where is my refund?' };
/** Suggestions as the background shows them: ranked by the index, then the shown scripts' entries read. */
async function shown(db: DeskLensDatabase, ticket: SuggestionContext, options: SuggestOptions = { tier: 'general' }) {
  const index = await scriptIndexFor(db);
  return showSuggestions(db, index, index.rankForTicket(ticket, options));
}
const ids = async (db: DeskLensDatabase, ticket: SuggestionContext = refundTicket) =>
  (await shown(db, ticket)).map((s) => s.script.id);
const currentRow = async (db: DeskLensDatabase) => {
  const row = await db.scriptIndex.get('current');
  return row?.id === 'current' ? row : undefined;
};

/**
 * Counts what the woken worker reads from the catalog table: whole-table reads (queries, cursors) and rows by key.
 * A Dexie middleware observing the real IndexedDB calls, not a stand-in for them.
 */
function countCatalogReads(db: DeskLensDatabase) {
  const reads = { queries: 0, rows: 0 };
  db.use({
    stack: 'dbcore',
    name: 'count-catalog-reads',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== 'catalog') return table;
        return {
          ...table,
          get: (req) => {
            reads.rows++;
            return table.get(req);
          },
          getMany: (req) => {
            reads.rows += req.keys.length;
            return table.getMany(req);
          },
          query: (req) => {
            if (!req.values) return table.query(req);
            reads.queries++;
            return table.query(req);
          },
          openCursor: (req) => {
            if (!req.values) return table.openCursor(req);
            reads.queries++;
            return table.openCursor(req);
          },
        };
      },
    }),
  });
  return reads;
}

describe('the script index across service-worker stops', () => {
  it('is built once, stored under its key, and loaded as stored on wake', async () => {
    const db = new DeskLensDatabase(`index-${crypto.randomUUID()}`);
    forgetIndexInMemory();
    expect((await ids(db))[0]).toBe('refund-status-en');
    const stored = await currentRow(db);
    expect(stored?.key).toBe(indexKey(BUILTIN_VERSION, []));

    // What is stored is what a woken worker ranks with: replace it by an index of one script under the same key.
    const only = createScriptIndex(DEFAULT_CATALOG.filter((s) => s.id === 'refund-status-en'));
    await storeScriptIndex(db, stored?.key ?? '', only);
    forgetIndexInMemory();
    const woken = new DeskLensDatabase(db.name);
    expect(await ids(woken, { subject: 'Hello', latestCustomerMessage: 'I was charged twice' })).not.toContain(
      'double-charge-en',
    );
    await db.delete();
  });

  it('is rebuilt when the stored one was built for something else or in another layout', async () => {
    const db = new DeskLensDatabase(`index-${crypto.randomUUID()}`);
    const older: ScriptIndexRow = { id: 'current', key: 'another-catalog', terms: { version: 1 } as never, builtAt: 1 };
    await db.scriptIndex.put(older);
    forgetIndexInMemory();
    expect((await ids(db))[0]).toBe('refund-status-en');
    expect((await currentRow(db))?.key).toBe(indexKey(BUILTIN_VERSION, []));
    // A stored index of this catalog but an older layout (no facts per script) is rebuilt too.
    const row = await currentRow(db);
    if (row) {
      const withoutFacts: ScriptIndexRow = { ...row, facts: undefined };
      await db.scriptIndex.put(withoutFacts);
    }
    forgetIndexInMemory();
    expect((await ids(new DeskLensDatabase(db.name)))[0]).toBe('refund-status-en');
    expect((await currentRow(db))?.facts).toBeDefined();
    await db.delete();
  });

  it('ranks a woken worker’s first ticket reading only the shown scripts’ catalog rows, never the whole catalog', async () => {
    const name = `index-${crypto.randomUUID()}`;
    const seeded = new DeskLensDatabase(name);
    const catalog = DEFAULT_CATALOG.map((entry) => ({ id: entry.id, entry }));
    await seeded.catalog.bulkPut(catalog);
    await seeded.meta.put({ key: 'catalog', value: { version: 'v-wake', synonyms: [], priors: [] } });
    forgetIndexInMemory();
    const expected = await shown(seeded, refundTicket, { tier: 'general', limit: 3 });
    seeded.close();

    forgetIndexInMemory();
    const woken = new DeskLensDatabase(name);
    const reads = countCatalogReads(woken);
    const first = await shown(woken, refundTicket, { tier: 'general', limit: 3 });
    expect(first).toEqual(expected);
    expect(first[0]?.script.id).toBe('refund-status-en');
    expect(reads.queries).toBe(0);
    // The three shown (and, at most, their other-Chinese versions): not the catalog's dozens of scripts.
    expect(reads.rows).toBeGreaterThan(0);
    expect(reads.rows).toBeLessThanOrEqual(6);
    expect(catalog.length).toBeGreaterThan(50);
    // The same ticket again costs no catalog read: the entries are held.
    await shown(woken, refundTicket, { tier: 'general', limit: 3 });
    expect(reads.rows).toBeLessThanOrEqual(6);
    // Only the postings and facts row is read on wake; the vectors a delta needs are apart.
    expect((await woken.scriptIndex.get('vectors'))?.key).toBe((await currentRow(woken))?.key);
    await woken.delete();
  });

  it('leaves out a shown script whose catalog row is gone since the index was stored', async () => {
    const name = `index-${crypto.randomUUID()}`;
    const seeded = new DeskLensDatabase(name);
    await seeded.catalog.bulkPut(DEFAULT_CATALOG.map((entry) => ({ id: entry.id, entry })));
    await seeded.meta.put({ key: 'catalog', value: { version: 'v-gone', synonyms: [], priors: [] } });
    forgetIndexInMemory();
    expect((await ids(seeded))[0]).toBe('refund-status-en');
    await seeded.catalog.delete('refund-status-en');
    seeded.close();
    forgetIndexInMemory();
    const woken = new DeskLensDatabase(name);
    const after = await ids(woken);
    expect(after).not.toContain('refund-status-en');
    expect(after.length).toBeGreaterThan(0);
    await woken.delete();
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
    const first = await currentRow(db);

    // Mark the stored index: a delta applied to it keeps the mark, a rebuild from the catalog would lose it.
    const marked = createScriptIndex([
      ...DEFAULT_CATALOG,
      ScriptEntry.parse({ id: 'only-in-old-index', title: 'Parking', body: 'Parking', locale: 'en', scenario: 'x' }),
    ]);
    await storeScriptIndex(db, first?.key ?? '', marked);
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
    const after = await currentRow(db);
    expect(after?.key).not.toBe(first?.key);
    expect(after?.terms.ids).toContain('customs-hold');
    expect(after?.terms.ids).toContain('only-in-old-index');

    forgetIndexInMemory();
    const [top] = await shown(new DeskLensDatabase(db.name), { latestCustomerMessage: 'My parcel is held at customs' });
    expect(top?.script.id).toBe('customs-hold');
    expect(top?.reasons).toContainEqual({ kind: 'phrase', phrase: 'held at customs' });
    await db.delete();
  });

  it('applies a delta to a woken worker’s index, reading the vectors kept apart, and shows the new script', async () => {
    const db = new DeskLensDatabase(`index-${crypto.randomUUID()}`);
    const target = { backendUrl: server.url, token: server.demo?.agentToken ?? '' };
    forgetIndexInMemory();
    expect(await pullCatalog(db, target)).toBe('updated');
    await scriptIndexFor(db);
    db.close();
    // The worker wakes and ranks with the stored index alone (no vectors in memory) before the next pull.
    forgetIndexInMemory();
    const woken = new DeskLensDatabase(db.name);
    expect((await ids(woken))[0]).toBe('refund-status-en');
    expect((await scriptIndexFor(woken)).canUpdate).toBe(false);

    await publishScripts(server.db, server.demo?.orgId ?? '', [
      ScriptEntry.parse({
        id: 'voucher-expired',
        title: 'Gift voucher expired',
        body: 'We can reissue an expired gift voucher once.',
        locale: 'en',
        scenario: 'billing',
        phrases: ['voucher expired'],
      }),
    ]);
    expect(await pullCatalog(woken, target)).toBe('updated');
    const index = await scriptIndexFor(woken);
    expect(index.canUpdate).toBe(true);
    const [top] = await shown(woken, { latestCustomerMessage: 'My gift voucher expired yesterday' });
    expect(top?.script.id).toBe('voucher-expired');
    expect(top?.script.body).toContain('reissue');
    // Stored again with both rows for the new catalog, so the next wake loads it as it is.
    const stored = await currentRow(woken);
    expect(stored?.terms.ids).toContain('voucher-expired');
    expect((await woken.scriptIndex.get('vectors'))?.key).toBe(stored?.key);
    forgetIndexInMemory();
    const [again] = await shown(new DeskLensDatabase(db.name), {
      latestCustomerMessage: 'My gift voucher expired yesterday',
    });
    expect(again?.script.id).toBe('voucher-expired');
    await woken.delete();
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
    const [top] = await shown(db, { latestCustomerMessage: 'When do I get my payback?' });
    expect(top?.script.id).toBe('refund-status-en');
    expect(top?.reasons).toContainEqual({ kind: 'synonym', said: 'payback', means: 'refund' });
    await db.delete();
  });
});
