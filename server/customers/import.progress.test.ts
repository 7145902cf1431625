import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerImportProgress, CustomerImportReport } from '../../lib/schema/api';
import { openDatabase } from '../db';
import { type RunningServer, startServer } from '../start';
import {
  createTestDatabase,
  DATABASE_KINDS,
  postgresUnavailableReason,
  type TestDatabase,
  tokenForUser,
} from '../testing';

const skipPostgres = await postgresUnavailableReason();

const HEADER = 'id,email,name,lifetime_value\n';
const rowsOf = (prefix: string, from: number, to: number) => {
  let text = '';
  for (let i = from; i < to; i++) text += `${prefix}-${i},${prefix}${i}@example.com,Customer ${i},${i}\n`;
  return text;
};

/** An upload that sends `first`, waits until `resume` settles, then sends `rest`: a client on a slow link. */
function pausedUpload(first: string, resume: Promise<unknown>, rest: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let step = 0;
  return new ReadableStream({
    async pull(controller) {
      if (step === 0) controller.enqueue(encoder.encode(first));
      if (step === 1) {
        await resume;
        controller.enqueue(encoder.encode(rest));
        controller.close();
      }
      step += 1;
    },
  });
}

/** A score an agent's browser sends: the write every agent makes all day. */
const scoreBatch = () =>
  JSON.stringify({
    events: [
      {
        type: 'feedback',
        id: randomUUID(),
        occurredAt: new Date().toISOString(),
        helpdesk: 'zendesk',
        ticketId: String(Math.floor(Math.random() * 1e6)),
        csat: 4,
        round: 'initial',
      },
    ],
  });

/** Reads a text/event-stream to its end: each event's name and parsed data. */
async function readEvents(response: Response): Promise<{ event: string; data: CustomerImportProgress }[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.includes('data:'))
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null') as CustomerImportProgress;
      return { event, data };
    });
}

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`customer imports on ${kind}: never blocking others`, () => {
    let database: TestDatabase;
    let server: RunningServer;
    let admin: string;
    let spoolDir: string;
    beforeAll(async () => {
      database = await createTestDatabase(kind);
      spoolDir = mkdtempSync(join(tmpdir(), 'desklens-spool-'));
      server = await startServer({
        databaseUrl: database.url,
        demo: true,
        logLevel: 'silent',
        importSpoolDir: spoolDir,
        customerImportLimitBytes: 4 * 1024 * 1024,
      });
      admin = await tokenForUser(server.db, 'admin@acme.test');
    });
    afterAll(async () => {
      await server?.close();
      await database?.drop();
      rmSync(spoolDir, { recursive: true, force: true });
    });
    afterEach(() => {
      // Whatever happened, no upload is left on disk.
      expect(readdirSync(spoolDir)).toEqual([]);
    });

    const upload = (body: BodyInit, query = '', headers: Record<string, string> = {}) =>
      fetch(`${server.url}/api/v1/customers/import${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv', ...headers },
        body,
        // @ts-expect-error why: Node's fetch needs duplex for a streamed request body; the DOM types lack it.
        duplex: 'half',
      });
    const asAdmin = async (path: string) =>
      fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${admin}` } });

    /** Transactions left open in this database by someone waiting (PostgreSQL's "idle in transaction"). */
    const openTransactions = async () => {
      if (kind !== 'postgres') return 0;
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const open = await client.query(
          "select count(*)::int as n from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'",
        );
        return open.rows[0].n as number;
      } finally {
        await client.end();
      }
    };

    it('serves agents, leads and admins while an upload has stalled half way', async () => {
      const from = new Date(Date.now() - 30 * 86_400_000).toISOString();
      // Run while the upload waits for them: if an import held the database while receiving, these would wait for
      // the upload and the upload for them, and the test would fail on its timeout.
      const others = new Promise((done) => setTimeout(done, 200)).then(openTransactions).then((open) =>
        Promise.all([
          open,
          fetch(`${server.url}/api/v1/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${server.demo?.agentToken}`, 'content-type': 'application/json' },
            body: scoreBatch(),
          }).then((r) => r.status),
          asAdmin(`/api/v1/stats/satisfaction?from=${from}&to=${new Date().toISOString()}`).then((r) => r.status),
          fetch(`${server.url}/api/v1/teams`, {
            method: 'POST',
            headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
            body: JSON.stringify({ name: 'Night shift', slug: `night-${kind}` }),
          }).then((r) => r.status),
        ]),
      );
      const response = await upload(pausedUpload(HEADER + rowsOf('stall', 0, 600), others, rowsOf('stall', 600, 1200)));
      // No transaction open (PostgreSQL) while the file arrives, and every other request answered.
      expect(await others).toEqual([0, 200, 200, 201]);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ rows: 1200, inserted: 1200, applied: true });
    });

    it('answers 202 at once with Prefer: respond-async and streams progress to the end', async () => {
      const file = HEADER + rowsOf('bar', 0, 20_000);
      const accepted = await upload(file, '', { prefer: 'respond-async' });
      expect(accepted.status).toBe(202);
      expect(accepted.headers.get('preference-applied')).toBe('respond-async');
      const location = accepted.headers.get('location') ?? '';
      const started = (await accepted.json()) as CustomerImportProgress;
      expect(location).toBe(`/api/v1/customers/imports/${started.id}`);
      expect(started).toMatchObject({ bytesReceived: Buffer.byteLength(file), bytesExpected: Buffer.byteLength(file) });

      const stream = await asAdmin(`${location}/events`);
      expect(stream.headers.get('content-type')).toContain('text/event-stream');
      const events = await readEvents(stream);
      const last = events.at(-1);
      expect(last?.event).toBe('end');
      expect(events.slice(0, -1).every((e) => e.event === 'progress')).toBe(true);
      expect(last?.data).toMatchObject({ status: 'done', percent: 100, rowsApplied: 20_000, rowsToApply: 20_000 });
      expect(last?.data.report).toMatchObject({ rows: 20_000, inserted: 20_000, applied: true, importId: started.id });
      const percents = events.map((e) => e.data.percent);
      expect(percents).toEqual([...percents].sort((a, b) => a - b));

      const polled = (await (await asAdmin(location)).json()) as CustomerImportProgress;
      expect(polled).toEqual(last?.data);
      const listed = (await (await asAdmin('/api/v1/customers/imports?limit=100')).json()) as {
        imports: CustomerImportProgress[];
      };
      expect(listed.imports.find((i) => i.id === started.id)?.status).toBe('done');
    });

    it('catches a customer listed twice far apart in a big file, and applies nothing from it', async () => {
      const file = `${HEADER}far-dup,first@example.com,First,1\n${rowsOf('far', 0, 3000)}far-dup,second@example.com,Second,2\n`;
      const response = await upload(file);
      expect(response.status).toBe(422);
      const report = (await response.json()) as CustomerImportReport;
      expect(report.errors).toEqual([{ line: 3003, field: 'id', message: 'Customer far-dup is already on line 2' }]);
      const stored = await server.db.selectFrom('customers').select('id').where('id', 'like', 'far%').execute();
      expect(stored).toEqual([]);
      const staged = await server.db.selectFrom('customer_import_rows').select('customer_id').execute();
      expect(staged).toEqual([]);
    });

    it('records an upload over the limit as failed, keeps nothing, and says so', async () => {
      const big = HEADER + rowsOf('huge', 0, 120_000);
      const encoder = new TextEncoder();
      // Streamed without Content-Length: the limit is only seen while receiving.
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < big.length; at += 64 * 1024)
            controller.enqueue(encoder.encode(big.slice(at, at + 64 * 1024)));
          controller.close();
        },
      });
      const response = await upload(body);
      expect(response.status).toBe(413);
      const listed = (await (await asAdmin('/api/v1/customers/imports?limit=1')).json()) as {
        imports: CustomerImportProgress[];
      };
      expect(listed.imports[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('limited to') });
    });

    it('reports an import whose server died as interrupted, and one stopped at shutdown the same way', async () => {
      const old = new Date(Date.now() - 5 * 60_000).toISOString();
      await server.db
        .insertInto('customer_imports')
        .values({
          id: `import_dead_${kind}`,
          org_id: server.demo?.orgId ?? '',
          actor_id: 'user_demo_adm',
          status: 'applying',
          dry_run: 0,
          skip_bad_rows: 0,
          bytes_expected: 100,
          bytes_received: 100,
          bytes_checked: 100,
          rows_checked: 10,
          rows_to_apply: 10,
          rows_applied: 5,
          report: null,
          error: null,
          created_at: old,
          updated_at: old,
          finished_at: null,
        })
        .execute();
      const dead = (await (
        await asAdmin(`/api/v1/customers/imports/import_dead_${kind}`)
      ).json()) as CustomerImportProgress;
      expect(dead).toMatchObject({
        status: 'interrupted',
        rowsApplied: 5,
        error: expect.stringContaining('upload the file again'),
      });
      const stream = await readEvents(await asAdmin(`/api/v1/customers/imports/import_dead_${kind}/events`));
      expect(stream.map((e) => [e.event, e.data.status])).toEqual([['end', 'interrupted']]);
    });
  });
}

describe('an import stopped by a server shutdown', () => {
  it('is recorded as interrupted, what was applied stays, and its upload is removed', async () => {
    const database = await createTestDatabase('sqlite');
    const spoolDir = mkdtempSync(join(tmpdir(), 'desklens-spool-'));
    try {
      const server = await startServer({
        databaseUrl: database.url,
        demo: true,
        logLevel: 'silent',
        importSpoolDir: spoolDir,
      });
      const admin = await tokenForUser(server.db, 'admin@acme.test');
      const accepted = await fetch(`${server.url}/api/v1/customers/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv', prefer: 'respond-async' },
        body: HEADER + rowsOf('stop', 0, 60_000),
      });
      const { id } = (await accepted.json()) as CustomerImportProgress;
      // Wait until it is applying, then shut down in the middle of it.
      for (
        let row = await server.db
          .selectFrom('customer_imports')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        row.rows_applied === 0;
      ) {
        await new Promise((done) => setTimeout(done, 20));
        row = await server.db.selectFrom('customer_imports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      }
      await server.close();
      expect(readdirSync(spoolDir)).toEqual([]);
      const reopened = await openDatabase(database.url);
      try {
        const row = await reopened.db
          .selectFrom('customer_imports')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        expect(row.status).toBe('interrupted');
        const applied = await reopened.db.selectFrom('customers').select('id').where('id', 'like', 'stop-%').execute();
        expect(applied.length).toBe(row.rows_applied);
        expect(row.rows_applied).toBeGreaterThan(0);
        expect(row.rows_applied).toBeLessThan(60_000);
      } finally {
        await reopened.close();
      }
    } finally {
      await database.drop();
      rmSync(spoolDir, { recursive: true, force: true });
    }
  });
});
