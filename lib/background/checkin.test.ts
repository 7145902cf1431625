import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../../test/harness/backend';
import { pullCatalog } from './catalog';
import { DeskLensDatabase } from './db';
import { enqueue } from './outbox';

describe('the catalog pull checks the browser in for fleet health (real backend)', () => {
  let server: TestBackend;
  beforeAll(async () => {
    server = await startTestBackend();
  });
  afterAll(async () => {
    await server?.dispose();
  });

  it('tells the server its version and what waits or was refused in its outbox', async () => {
    const db = new DeskLensDatabase(`checkin-${crypto.randomUUID()}`);
    for (const ticket of ['1', '2', '3'])
      await enqueue(db, { type: 'adapter_health', helpdesk: 'zendesk', missing: [`subject-${ticket}`] });
    const [first] = await db.outbox.toArray();
    await db.outbox.update(first?.id ?? '', { state: 'quarantined' });

    const target = { backendUrl: server.url, token: server.demo?.agentToken ?? '', extensionVersion: '1.2.3' };
    expect(await pullCatalog(db, target)).toBe('updated');
    const rows = await server.db.selectFrom('browser_checkins').selectAll().execute();
    expect(rows).toEqual([
      expect.objectContaining({ user_id: server.demo?.agentId, extension_version: '1.2.3', queued: 2, rejected: 1 }),
    ]);
    await db.delete();
  });
});
