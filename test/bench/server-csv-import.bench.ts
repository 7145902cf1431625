import { readFileSync } from 'node:fs';
import { type DatabaseKind, openDatabase } from '../../server/db';
import { DATABASE_KINDS, tokenForUser, withTestDatabase } from '../../server/testing';
import { freePort, startServerProcess } from '../harness/server-process';
import { report } from './stats-helpers';

/**
 * Customer import of a 100,000-row CRM export, sent as a stream the way an upload arrives. Figures: rows/s
 * through the whole route (spool to disk, parse, validate, stage, upsert in 500-row transactions), and how much the process grew while
 * importing (the server process's peak RSS above its level before), which stays small if the import streams.
 */
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
/**
 * The server's heap is capped far below what holding the file and its rows would need: V8 lets garbage pile up
 * when it may, so RSS alone says little; finishing under the cap says the import streams.
 */
const HEAP_CAP_MB = Number(process.env.BENCH_IMPORT_HEAP_MB ?? 96);

function csvStream(rows: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i === 0)
        controller.enqueue(encoder.encode('id,email,name,lifetime_value,orders_last_90_days,tags,org.plan\n'));
      const lines: string[] = [];
      for (const end = Math.min(rows, i + 1000); i < end; i++)
        lines.push(`c-${i},customer${i}@example.com,"Customer ${i}, Ltd",${(i * 37) % 50_000},${i % 9},vip;b2b,gold`);
      controller.enqueue(encoder.encode(`${lines.join('\n')}\n`));
      if (i >= rows) controller.close();
    },
  });
}

/** Peak resident memory of a process so far (Linux VmHWM), in bytes. */
function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) * 1024;
}

async function benchKind(kind: DatabaseKind): Promise<void> {
  const run = await withTestDatabase(kind, async (testDb) => {
    // The server runs as its own process, as in production, so its peak memory is its own.
    const server = await startServerProcess(await freePort(), testDb.url, HEAP_CAP_MB);
    const database = await openDatabase(testDb.url);
    try {
      const token = await tokenForUser(database.db, 'admin@acme.test');
      const pid = server.child.pid ?? 0;
      const before = peakRss(pid);
      const started = performance.now();
      const response = await fetch(`${server.url}/api/v1/customers/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: csvStream(ROWS),
        // @ts-expect-error why: Node's fetch needs duplex for a streamed request body; the DOM types lack it.
        duplex: 'half',
      });
      const body = (await response.json()) as { inserted: number };
      const elapsed = performance.now() - started;
      if (response.status !== 200 || body.inserted !== ROWS)
        throw new Error(`import answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
      return { elapsed, before, after: peakRss(pid) };
    } finally {
      await database.close();
      await server.stop();
    }
  });
  if (run.skipped !== undefined) {
    console.log(`bench server-csv-import ${kind}: skipped (${run.skipped})`);
    return;
  }
  const area = `server-csv-import ${kind}`;
  const { elapsed, before, after } = run.result;
  report(area, `${ROWS} rows (${((ROWS * 80) / 1024 / 1024).toFixed(0)} MiB file)`, elapsed / 1000, 's');
  report(area, 'rows/s', ROWS / (elapsed / 1000), 'rows/s', 'thousands a second');
  report(area, 'server peak RSS before import', before / 1024 / 1024, 'MiB');
  report(
    area,
    `server peak RSS growth during import (V8 heap capped at ${HEAP_CAP_MB} MiB)`,
    (after - before) / 1024 / 1024,
    'MiB',
  );
}

for (const kind of DATABASE_KINDS) await benchKind(kind);
