import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_MATRIX, CALLERS, type Caller, type MatrixContext, type MatrixRequest } from '../access-matrix.table';
import { type RunningServer, startServer } from '../start';
import { createTestApp } from '../test-app';
import {
  createTestDatabase,
  DATABASE_KINDS,
  postgresUnavailableReason,
  type TestDatabase,
  tokenForUser,
} from '../testing';
import { loadAttacks } from './corpus';
import { csvCases, type FuzzCase, type Json, jsonBodyCases, jsonFieldCases, withEveryString } from './mutations';

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

interface WriteRoute {
  route: string;
  contentType: 'application/json' | 'text/csv' | null;
}

/** The write routes, as the server describes them itself. */
async function writeRoutes(): Promise<WriteRoute[]> {
  const t = await createTestApp('sqlite');
  try {
    const doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
    };
    return Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([method]) => WRITE_METHODS.includes(method))
        .map(([method, operation]) => {
          const types = Object.keys(operation.requestBody?.content ?? {});
          const contentType = types.includes('text/csv')
            ? 'text/csv'
            : types.includes('application/json')
              ? 'application/json'
              : null;
          return { route: `${method.toUpperCase()} ${path}`, contentType } as WriteRoute;
        }),
    );
  } finally {
    await t.close();
  }
}

const routes = await writeRoutes();
const skipPostgres = await postgresUnavailableReason();
const attacks = loadAttacks();

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

/** What is wrong with an answer to hostile input, or undefined when it is what the API promises. */
function problemWith(answer: Answer, bodyBytes: number): string | undefined {
  if (answer.status >= 500) return `answered ${answer.status}: ${answer.body.slice(0, 300)}`;
  if (answer.status < 400) return undefined;
  // A refused import answers with its report, each bad line named (the documented 422 of the import route).
  if (answer.status === 422 && /"errors":\[\{"line":\d+,"field":"[^"]+","message":"[^"]+/.test(answer.body))
    return undefined;
  let parsed: { error?: { code?: unknown; message?: unknown; issues?: { path?: unknown; message?: unknown }[] } };
  try {
    parsed = JSON.parse(answer.body);
  } catch {
    return `answered ${answer.status} without a JSON error: ${answer.body.slice(0, 200)}`;
  }
  const error = parsed.error;
  if (typeof error?.code !== 'string' || typeof error.message !== 'string' || error.message.length < 8)
    return `answered ${answer.status} with an error that names nothing: ${answer.body.slice(0, 200)}`;
  if (error.code === 'invalid_request') {
    const issues = error.issues ?? [];
    if (
      issues.length === 0 ||
      issues.some((i) => typeof i.path !== 'string' || !i.path || typeof i.message !== 'string')
    )
      return `answered 400 without naming the bad field: ${answer.body.slice(0, 300)}`;
  }
  // Closing the connection is only for bodies too large or too slow to read, or large bodies the answer did not
  // need (over 256 KiB are not read just to keep the connection).
  if (answer.connection === 'close' && ![408, 413].includes(answer.status) && bodyBytes <= 256 * 1024)
    return `closed the connection after a ${answer.status}`;
  return undefined;
}

for (const kind of DATABASE_KINDS)
  describe.skipIf(kind === 'postgres' && skipPostgres)(`every write route against hostile input on ${kind}`, () => {
    let database: TestDatabase;
    let server: RunningServer;
    let ctx: MatrixContext;
    const tokens = {} as Record<Caller, string>;
    let client: Agent;
    let connects = 0;

    beforeAll(async () => {
      database = await createTestDatabase(kind);
      server = await startServer({
        databaseUrl: database.url,
        demo: true,
        logLevel: 'silent',
        rateLimitPerMinute: 1_000_000,
        anonymousRateLimitPerMinute: 1_000_000,
        customerImportLimitBytes: 2 * 1024 * 1024,
      });
      ctx = { db: server.db, demo: server.demo as MatrixContext['demo'], unique: () => randomUUID().slice(0, 8) };
      for (const caller of CALLERS) tokens[caller] = await tokenForUser(server.db, `${caller}@acme.test`);
      client = new Agent({ connections: 1, pipelining: 1 });
      client.on('connect', () => {
        connects += 1;
      });
    });
    afterAll(async () => {
      await client?.close();
      await server?.close();
      await database?.drop();
    });

    async function send(
      method: string,
      path: string,
      token: string | undefined,
      body: string | Buffer | Readable | undefined,
      contentType: string | null,
    ): Promise<Answer> {
      const response = await request(`${server.url}${path}`, {
        method: method as 'POST',
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(contentType ? { 'content-type': contentType } : {}),
        },
        body,
        dispatcher: client,
      });
      const text = await response.body.text();
      const connection = response.headers.connection;
      return {
        status: response.statusCode,
        connection: typeof connection === 'string' ? connection : undefined,
        body: text,
      };
    }

    /** A score an agent sends, on the same one-connection client: it must go through after anything. */
    async function validWriteStillWorks(): Promise<string | undefined> {
      const answer = await send(
        'POST',
        '/api/v1/events',
        server.demo?.agentToken,
        JSON.stringify({
          events: [
            {
              type: 'feedback',
              id: randomUUID(),
              occurredAt: new Date().toISOString(),
              helpdesk: 'zendesk',
              ticketId: String(connects),
              csat: 5,
              round: 'initial',
            },
          ],
        }),
        'application/json',
      );
      return answer.status === 200
        ? undefined
        : `the next valid request got ${answer.status}: ${answer.body.slice(0, 200)}`;
    }

    function forRoute(route: WriteRoute) {
      const entry = ACCESS_MATRIX.find((e) => e.route === route.route);
      const caller = entry && !entry.public ? (CALLERS.find((c) => entry.expect[c] === 'ok') ?? 'admin') : undefined;
      return { entry, token: caller ? tokens[caller] : undefined };
    }

    async function attack(route: WriteRoute, valid: MatrixRequest, token: string | undefined, cases: FuzzCase[]) {
      const method = route.route.split(' ')[0] ?? 'POST';
      const failures: string[] = [];
      for (const c of cases) {
        const before = connects;
        const body = c.body();
        const bodyBytes =
          typeof body === 'string' ? Buffer.byteLength(body) : Buffer.isBuffer(body) ? body.length : Infinity;
        const answer = await send(method, valid.path, token, body, c.contentType);
        const problem = problemWith(answer, bodyBytes);
        if (problem) failures.push(`${c.name}: ${problem}`);
        const next = await validWriteStillWorks();
        if (next) failures.push(`${c.name}: ${next}`);
        // The valid request used the same connection, unless the answer said it would close it. (undici itself drops
        // a connection after a DELETE that carried a body, so DELETE routes cannot show reuse this way.)
        const opened = connects - before;
        if (method !== 'DELETE' && opened !== (answer.connection === 'close' ? 1 : 0))
          failures.push(`${c.name}: ${opened} new connection(s) after a ${answer.status} (${answer.connection})`);
      }
      return failures;
    }

    it('covers every write route the API documents', () => {
      expect(routes.length).toBeGreaterThanOrEqual(15);
      const uncovered = routes.filter((r) => !ACCESS_MATRIX.some((e) => e.route === r.route)).map((r) => r.route);
      expect(uncovered).toEqual([]);
    });

    for (const route of routes) {
      it(`${route.route}: no 5xx, every error named, the connection still serves`, { timeout: 240_000 }, async () => {
        const { entry, token } = forRoute(route);
        if (!entry) throw new Error(`no valid request for ${route.route} in the access matrix`);
        // Warm the connection, so "new connection" counts only what the attack caused.
        expect(await validWriteStillWorks()).toBeUndefined();
        const valid = await entry.request(ctx);
        // What reaches the database differs between the two (PostgreSQL refuses a NUL in text); how HTTP bodies are
        // read does not, so whole-body attacks run once, on SQLite.
        const body = (valid.body ?? {}) as Json;
        const cases =
          route.contentType === 'text/csv'
            ? csvCases(String(valid.body))
            : [...(kind === 'sqlite' ? jsonBodyCases(body) : []), ...jsonFieldCases(body)];
        expect(await attack(route, valid, token, cases)).toEqual([]);
        // Still up, still answering, and no "__proto__" in a body reached the objects everyone shares.
        expect((await send('GET', '/api/v1/health', undefined, undefined, null)).status).toBe(200);
        expect(Object.keys(Object.prototype)).toEqual([]);
        expect(({} as Record<string, unknown>).role).toBeUndefined();
      });
    }

    it.skipIf(attacks.length === 0)(
      `the independent attack corpus (test/fixtures/attacks, ${attacks.length} inputs) through every write route`,
      { timeout: 600_000 },
      async () => {
        const failures: string[] = [];
        for (const route of routes) {
          const { entry, token } = forRoute(route);
          if (!entry) continue;
          const valid = await entry.request(ctx);
          const cases: FuzzCase[] = attacks.map((a) => ({
            name: `${route.route} ← ${a.source}`,
            body: () =>
              a.raw ??
              (route.contentType === 'text/csv'
                ? `id,name,email\n${(a.payload ?? '').replaceAll('\n', ' ')},x,y@example.com\n`
                : JSON.stringify(withEveryString((valid.body ?? {}) as Json, a.payload ?? ''))),
            contentType: a.raw ? (a.contentType ?? route.contentType) : route.contentType,
          }));
          failures.push(...(await attack(route, valid, token, cases)));
        }
        expect(failures).toEqual([]);
      },
    );
  });
