import 'fake-indexeddb/auto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pullCatalog } from '../../lib/background/catalog';
import { DeskLensDatabase } from '../../lib/background/db';
import { enqueue } from '../../lib/background/outbox';
import { drainOutbox } from '../../lib/background/sync';
import { startServer } from '../../server/start';
import { report } from './stats-helpers';

/**
 * The sync engine (ky, batches) and the real HTTP API draining 10,000 queued scores, run in Node with
 * fake-indexeddb — a pure-JS IndexedDB several times slower than a browser's, so the time here is an upper
 * bound; the budget figure comes from sync-drain-chromium.bench.ts. Bytes per event are measured here.
 */
const EVENTS = 10_000;
const dir = await mkdtemp(join(tmpdir(), 'desklens-bench-'));
const server = await startServer({ port: 0, databaseUrl: join(dir, 'bench.sqlite'), demo: true, logLevel: 'silent' });
const db = new DeskLensDatabase(`bench-${Date.now()}`);

let requests = 0;
let bytes = 0;
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  requests++;
  bytes += (await request.clone().arrayBuffer()).byteLength;
  return realFetch(request);
};

for (let i = 0; i < EVENTS; i++) {
  await enqueue(db, {
    type: 'feedback',
    helpdesk: 'zendesk',
    ticketId: String(100_000 + i),
    customer: { email: `c${i}@example.com` },
    csat: (i % 5) + 1,
    round: 'initial',
    retracted: false,
  });
}
const started = performance.now();
const result = await drainOutbox(db, { backendUrl: server.url, token: server.demo?.agentToken ?? '' });
const seconds = (performance.now() - started) / 1000;
const stored = await server.db
  .selectFrom('feedback')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();

report('sync', `Node + fake-indexeddb: drain ${EVENTS} events to a local backend (SQLite)`, seconds, 's');
report('sync', 'requests per 100 events', (requests / EVENTS) * 100, '', '≤ 1');
report('sync', 'request bytes per event', bytes / EVENTS, 'B');
report(
  'sync',
  'events sent / stored / left queued',
  `${result.sent} / ${Number(stored.n)} / ${await db.outbox.count()}`,
  '',
);

// An unchanged catalog check: after one full pull, the next costs one conditional request and a 304 with no body.
const target = { backendUrl: server.url, token: server.demo?.agentToken ?? '' };
await pullCatalog(db, target);
let catalogRequests = 0;
let catalogBodyBytes = 0;
globalThis.fetch = async (input, init) => {
  catalogRequests++;
  const response = await realFetch(new Request(input, init));
  catalogBodyBytes += (await response.clone().arrayBuffer()).byteLength;
  return response;
};
const catalogOutcome = await pullCatalog(db, target);
report('sync', `unchanged catalog check (${catalogOutcome}): requests`, catalogRequests, '', '= 1');
report('sync', 'unchanged catalog check: response body bytes', catalogBodyBytes, 'B', '= 0');

globalThis.fetch = realFetch;
await db.delete();
await server.close();
await rm(dir, { recursive: true, force: true });
if (Number(stored.n) !== EVENTS || catalogRequests !== 1 || catalogBodyBytes !== 0) process.exit(1);
