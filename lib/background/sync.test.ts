import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../../test/harness/backend';
import { DeskLensDatabase } from './db';
import { enqueue } from './outbox';
import { drainOutbox } from './sync';
import { readSyncMeta } from './sync-meta';

const score = (ticketId: string, csat = 4) => ({
  type: 'feedback' as const,
  helpdesk: 'zendesk',
  ticketId,
  customer: {},
  csat,
  round: 'initial' as const,
  retracted: false,
});

describe('sync against a real backend', () => {
  let server: TestBackend;
  beforeAll(async () => {
    server = await startTestBackend();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('quarantines only the event the server rejects, with the reason, and sends the rest', async () => {
    const db = new DeskLensDatabase(`sync-${crypto.randomUUID()}`);
    await enqueue(db, score('Q-1'));
    const bad = await enqueue(db, score('Q-2'));
    await enqueue(db, score('Q-3'));
    // An event written by an older extension version that today's server refuses.
    await db.outbox.update(bad.id, { event: { ...bad, csat: 9 } as typeof bad });

    const report = await drainOutbox(db, { backendUrl: server.url, token: server.demo?.agentToken ?? '' });
    expect(report).toMatchObject({ sent: 2, quarantined: 1 });
    const row = await db.outbox.get(bad.id);
    expect(row?.state).toBe('quarantined');
    expect(row?.rejection).toMatch(/^csat: /);
    const stored = await server.db
      .selectFrom('feedback')
      .select('ticket_id')
      .where('ticket_id', 'in', ['Q-1', 'Q-2', 'Q-3'])
      .orderBy('ticket_id')
      .execute();
    expect(stored.map((r) => r.ticket_id)).toEqual(['Q-1', 'Q-3']);
    // Never retried forever: a second drain sends nothing and keeps it quarantined.
    expect(await drainOutbox(db, { backendUrl: server.url, token: server.demo?.agentToken ?? '' })).toMatchObject({
      sent: 0,
      quarantined: 0,
    });
    expect((await db.outbox.get(bad.id))?.state).toBe('quarantined');
    await db.delete();
  });

  it('keeps events queued and says why when the token is revoked', async () => {
    const db = new DeskLensDatabase(`sync-${crypto.randomUUID()}`);
    await enqueue(db, score('R-1'));
    const report = await drainOutbox(db, { backendUrl: server.url, token: 'dl_agent_revoked_or_unknown' });
    expect(report.stoppedBecause).toMatch(/refused this browser’s token/);
    expect(await db.outbox.where('state').equals('queued').count()).toBe(1);
    expect((await readSyncMeta(db)).lastError).toMatch(/revoked or expired/);
    await db.delete();
  });

  it('backs off when the server is down, and keeps everything', async () => {
    const db = new DeskLensDatabase(`sync-${crypto.randomUUID()}`);
    const event = await enqueue(db, score('D-1'));
    const now = Date.now();
    const report = await drainOutbox(
      db,
      { backendUrl: 'http://127.0.0.1:9', token: 'x' },
      { now: () => now, random: () => 1 },
    );
    expect(report.stoppedBecause).toMatch(/unreachable/);
    expect(await db.outbox.get(event.id)).toMatchObject({ state: 'queued', attempts: 1, notBefore: now + 2000 });
    await db.delete();
  });
});
