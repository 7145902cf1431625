import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, EvaluationResult } from '../../lib/schema/alerts';
import type { DeskLensEventInput } from '../../lib/schema/events';
import type { LiveEvent, LivePoll } from '../../lib/schema/live';
import { type RunningServer, startServer } from '../start';
import { createTestDatabase, postgresUnavailableReason, type TestDatabase, tokenForUser } from '../testing';

const skipPostgres = await postgresUnavailableReason();
if (skipPostgres) console.warn(`Skipping PostgreSQL runs: ${skipPostgres}`);

const score = (csat: number, ticket = `L-${randomUUID().slice(0, 8)}`): DeskLensEventInput => ({
  type: 'feedback',
  id: randomUUID(),
  occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
  helpdesk: 'zendesk',
  ticketId: ticket,
  customer: {},
  csat,
});

/** A console session's cookie, signed in at one instance (sessions live in the shared database). */
async function signIn(server: RunningServer, email: string, password: string): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

interface Stream {
  events: LiveEvent[];
  comments: string[];
  /** Resolves with the first event matching, or rejects after `ms`. */
  next: (match: (event: LiveEvent) => boolean, ms: number) => Promise<LiveEvent>;
  close: () => void;
}

/** Opens GET /api/v1/live as the console's EventSource would, and parses what arrives. */
async function openStream(server: RunningServer, cookie: string): Promise<Stream> {
  const abort = new AbortController();
  const response = await fetch(`${server.url}/api/v1/live`, { headers: { cookie }, signal: abort.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const events: LiveEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            if (line.startsWith('data:')) events.push(JSON.parse(line.slice(5)) as LiveEvent);
          }
          for (const wake of waiters) wake();
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  // The server subscribes before it writes its first comment: from then on nothing can be missed.
  for (const deadline = Date.now() + 5000; !comments.includes('connected'); ) {
    if (Date.now() > deadline) throw new Error('the live stream did not open within 5 s');
    await new Promise((done) => setTimeout(done, 20));
  }
  return {
    events,
    comments,
    next: (match, ms) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (found) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching live event within ${ms} ms; got ${JSON.stringify(events)}`));
        }, ms);
        waiters.add(check);
        check();
      }),
    close: () => abort.abort(),
  };
}

async function post(server: RunningServer, token: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: await response.json() };
}

describe('live events on one SQLite instance', () => {
  let database: TestDatabase;
  let server: RunningServer;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    server = await startServer({ databaseUrl: database.url, demo: true, logLevel: 'silent', alertIntervalMs: 0 });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('brings a new score to an open dashboard at once, and the polling route has it too', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const lee = await openStream(server, await signIn(server, 'lee@acme.test', 'demo-lead'));
    expect(lee.comments).toContain('connected');
    const sent = score(2);
    const started = Date.now();
    expect((await post(server, server.demo?.agentToken ?? '', '/api/v1/events', { events: [sent] })).status).toBe(200);
    const event = await lee.next((e) => e.type === 'score' && e.score.eventId === sent.id, 5000);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(event).toMatchObject({
      type: 'score',
      score: { teamId: 'team_demo_tier1', agentId: 'user_demo_ada', csat: 2 },
    });
    lee.close();

    const cookie = await signIn(server, 'lee@acme.test', 'demo-lead');
    const poll = await fetch(`${server.url}/api/v1/live/scores?after=${encodeURIComponent(since)}`, {
      headers: { cookie },
    });
    const body = (await poll.json()) as LivePoll;
    expect(body.scores.map((s) => s.eventId)).toContain(sent.id);
    expect(body.more).toBe(false);
    const bad = await fetch(`${server.url}/api/v1/live/scores?after=yesterday`, { headers: { cookie } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe('after');
    const agent = await fetch(`${server.url}/api/v1/live`, {
      headers: { authorization: `Bearer ${server.demo?.agentToken}` },
    });
    expect(agent.status).toBe(403);
  });
});

// Two servers, each with its own connection pool and LISTEN connection, on one PostgreSQL database: what a load
// balancer in front of several stateless instances does.
describe.skipIf(skipPostgres)('two instances on one PostgreSQL database', () => {
  let database: TestDatabase;
  let first: RunningServer;
  let second: RunningServer;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const options = { databaseUrl: database.url, demo: true, logLevel: 'silent' as const, alertIntervalMs: 0 };
    first = await startServer({ ...options, alertDebounceMs: 200 });
    second = await startServer({ ...options, alertDebounceMs: 200 });
  }, 120_000);
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  it('brings a score stored by one instance to dashboards on the other within 5 s, each lead only their team’s', async () => {
    const lee = await openStream(first, await signIn(first, 'lee@acme.test', 'demo-lead'));
    const lin = await openStream(first, await signIn(second, 'lin@acme.test', 'demo-lead2'));
    const ada = score(4);
    const started = Date.now();
    expect((await post(second, first.demo?.agentToken ?? '', '/api/v1/events', { events: [ada] })).status).toBe(200);
    await lee.next((e) => e.type === 'score' && e.score.eventId === ada.id, 5000);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(5000);

    // Bo (Tier 2) scores after Ada: once Lin has Bo's score, Ada's would have arrived before it had it been sent.
    const boToken = await tokenForUser(second.db, 'bo@acme.test');
    const bo = score(5);
    expect((await post(second, boToken, '/api/v1/events', { events: [bo] })).status).toBe(200);
    await lin.next((e) => e.type === 'score' && e.score.eventId === bo.id, 5000);
    expect(lin.events.some((e) => e.type === 'score' && e.score.eventId === ada.id)).toBe(false);
    await new Promise((done) => setTimeout(done, 300));
    expect(lee.events.some((e) => e.type === 'score' && e.score.eventId === bo.id)).toBe(false);
    lee.close();
    lin.close();
  });

  it('announces every new score of a batch, in the batch’s order, and a replayed batch not again', async () => {
    const lee = await openStream(second, await signIn(second, 'lee@acme.test', 'demo-lead'));
    const batch = [score(1), score(2), score(3)];
    const token = first.demo?.agentToken ?? '';
    expect((await post(first, token, '/api/v1/events', { events: batch })).status).toBe(200);
    const last = batch[2]?.id;
    await lee.next((e) => e.type === 'score' && e.score.eventId === last, 5000);
    const ids = new Set(batch.map((event) => event.id));
    const heard = () => lee.events.flatMap((e) => (e.type === 'score' && ids.has(e.score.eventId) ? [e.score] : []));
    expect(heard().map((s) => [s.eventId, s.csat])).toEqual(batch.map((event) => [event.id, 1 + batch.indexOf(event)]));
    // Nothing new was stored, so nothing is announced.
    expect((await post(first, token, '/api/v1/events', { events: batch })).status).toBe(200);
    await new Promise((done) => setTimeout(done, 500));
    expect(heard()).toHaveLength(3);
    lee.close();
  });

  it('records each firing and opens its action exactly once when both instances evaluate at the same time', async () => {
    const admin = await tokenForUser(first.db, 'admin@acme.test');
    const rule = await post(first, admin, '/api/v1/alert-rules', {
      name: 'Tier 1 CSAT under 50% today',
      metric: 'csat',
      scope: { type: 'team', id: 'team_demo_tier1' },
      condition: { kind: 'threshold', direction: 'below', value: 50 },
      windowDays: 1,
      level: 'red',
      minimumN: 10,
    });
    expect(rule.status).toBe(201);
    const lee = await openStream(second, await signIn(second, 'lee@acme.test', 'demo-lead'));
    // Twelve low scores, half through each instance: both evaluate after ingest (debounced), then both are asked
    // to evaluate again, three times each, at once.
    const token = first.demo?.agentToken ?? '';
    const low = Array.from({ length: 12 }, () => score(1));
    await Promise.all([
      post(first, token, '/api/v1/events', { events: low.slice(0, 6) }),
      post(second, token, '/api/v1/events', { events: low.slice(6) }),
    ]);
    const alerted = await lee.next((e) => e.type === 'alert' && e.alert.ruleId === rule.body.id, 10_000);
    expect(alerted.type === 'alert' && alerted.alert.level).toBe('red');
    const runs = await Promise.all(
      [first, second, first, second, first, second].map((server) => post(server, admin, '/api/v1/alerts/evaluate')),
    );
    for (const run of runs) expect(run.status).toBe(200);
    const firedAgain = runs
      .flatMap((run) => (run.body as EvaluationResult).fired)
      .filter((a) => a.ruleId === rule.body.id);
    expect(firedAgain).toEqual([]);

    const alerts = await first.db.selectFrom('alerts').selectAll().where('rule_id', '=', rule.body.id).execute();
    expect(alerts).toHaveLength(1);
    const actions = await first.db
      .selectFrom('improvement_actions')
      .selectAll()
      .where('alert_id', '=', alerts[0]?.id ?? '')
      .execute();
    expect(actions).toHaveLength(1);
    expect(actions[0]).toMatchObject({ team_id: 'team_demo_tier1', owner_id: 'user_demo_lee', status: 'open' });
    const listed = await fetch(`${second.url}/api/v1/alerts?teamId=team_demo_tier1`, {
      headers: { authorization: `Bearer ${await tokenForUser(second.db, 'lee@acme.test')}` },
    });
    const ids = ((await listed.json()) as { alerts: Alert[] }).alerts.filter((a) => a.ruleId === rule.body.id);
    expect(ids.map((a) => a.actionId)).toEqual([actions[0]?.id]);
    // The stream announced the firing once, though two instances evaluated it.
    await new Promise((done) => setTimeout(done, 500));
    expect(lee.events.filter((e) => e.type === 'alert' && e.alert.ruleId === rule.body.id)).toHaveLength(1);
    lee.close();
  });
});
