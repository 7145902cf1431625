import { afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from './start';
import { createTestDatabase, type TestDatabase, tokenForUser } from './testing';

describe('graceful shutdown', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
  });

  /** A CSV upload that arrives slowly, so it is still in flight when the server is asked to stop. */
  function slowUpload(rows: number, pauseMs: number): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    let sent = -1;
    return new ReadableStream({
      async pull(controller) {
        if (sent === -1) controller.enqueue(encoder.encode('id,email\n'));
        else controller.enqueue(encoder.encode(`slow-${sent},slow${sent}@example.com\n`));
        sent += 1;
        await new Promise((done) => setTimeout(done, pauseMs));
        if (sent >= rows) controller.close();
      },
    });
  }

  const upload = (server: RunningServer, token: string, rows: number) =>
    fetch(`${server.url}/api/v1/customers/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: slowUpload(rows, 40),
      // @ts-expect-error why: Node's fetch needs duplex for a streamed request body; the DOM types lack it.
      duplex: 'half',
    });

  it('finishes the request in flight, then stops taking connections and closes the database', async () => {
    database = await createTestDatabase('sqlite');
    const server = await startServer({ databaseUrl: database.url, demo: true, logLevel: 'silent' });
    const token = await tokenForUser(server.db, 'admin@acme.test');
    const inFlight = upload(server, token, 10);
    await new Promise((done) => setTimeout(done, 100));
    const closed = server.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ inserted: 10, applied: true });
    await closed;
    await expect(fetch(`${server.url}/api/v1/health`)).rejects.toThrow();
  });

  it('cuts what is still running after the grace period instead of waiting forever', async () => {
    database = await createTestDatabase('sqlite');
    const server = await startServer({
      databaseUrl: database.url,
      demo: true,
      logLevel: 'silent',
      shutdownGraceMs: 300,
    });
    const token = await tokenForUser(server.db, 'admin@acme.test');
    const inFlight = upload(server, token, 200).catch((error: unknown) => error);
    await new Promise((done) => setTimeout(done, 100));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await inFlight).toBeInstanceOf(Error);
  });
});
