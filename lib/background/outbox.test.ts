import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskLensDatabase } from './db';
import { countByState, dueBatch, enqueue } from './outbox';

const score = {
  type: 'feedback',
  helpdesk: 'zendesk',
  ticketId: '1001',
  customer: { email: 'grace@example.com' },
  csat: 5,
  round: 'initial',
  retracted: false,
} as const;

let db: DeskLensDatabase;
beforeEach(() => {
  db = new DeskLensDatabase(`outbox-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('outbox', () => {
  it('gives each event a time-ordered UUIDv7 id and hands batches out oldest first, up to the limit', async () => {
    const t0 = Date.parse('2026-11-22T10:00:00Z');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await enqueue(db, { ...score, ticketId: `${1000 + i}` }, t0 + i)).id);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const batch = await dueBatch(db, 3, t0 + 10);
    expect(batch.map((row) => row.id)).toEqual(ids.slice(0, 3));
    expect(await countByState(db)).toEqual({ queued: 5, quarantined: 0 });
  });

  it('holds back rows whose retry time has not come and leaves quarantined rows out of batches', async () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    const a = await enqueue(db, score, now);
    const b = await enqueue(db, { ...score, ticketId: '1002' }, now + 1);
    const c = await enqueue(db, { ...score, ticketId: '1003' }, now + 2);
    await db.outbox.update(a.id, { notBefore: now + 60_000 });
    await db.outbox.update(b.id, { state: 'quarantined' });
    expect((await dueBatch(db, 100, now + 10)).map((row) => row.id)).toEqual([c.id]);
    expect((await dueBatch(db, 100, now + 60_000)).map((row) => row.id)).toEqual([a.id, c.id]);
    expect(await countByState(db)).toEqual({ queued: 2, quarantined: 1 });
  });

  it('refuses an invalid event with the field named and writes nothing', async () => {
    await expect(enqueue(db, { ...score, csat: 9 } as never)).rejects.toThrow(/csat/);
    expect(await db.outbox.count()).toBe(0);
  });
});
