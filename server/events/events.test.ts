import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskLensEventInput } from '../../lib/schema/events';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason } from '../testing';

const skipPostgres = await postgresUnavailableReason();
if (skipPostgres) console.warn(`Skipping PostgreSQL runs: ${skipPostgres}`);

function feedback(overrides: Partial<Extract<DeskLensEventInput, { type: 'feedback' }>> = {}): DeskLensEventInput {
  return {
    type: 'feedback',
    id: randomUUID(),
    occurredAt: '2026-11-22T10:00:00.000Z',
    helpdesk: 'zendesk',
    ticketId: '1001',
    customer: { email: 'grace@example.com' },
    csat: 4,
    ...overrides,
  };
}

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`POST /api/v1/events on ${kind}`, () => {
    let t: TestApp;
    const post = (body: unknown, token = t.demo.agentToken) =>
      t.app.request('/api/v1/events', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const feedbackRows = (ticketId: string) =>
      t.database.db
        .selectFrom('feedback')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('occurred_at')
        .execute();

    beforeAll(async () => {
      t = await createTestApp(kind);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('stores a batch, credited to the token’s agent, and says so per event', async () => {
      const events = [feedback({ ticketId: 'A-1' }), feedback({ ticketId: 'A-2', csat: 2 })];
      const response = await post({ events });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        stored: 2,
        duplicates: 0,
        results: events.map((e) => ({ id: e.id, status: 'stored' })),
      });
      const [row] = await feedbackRows('A-2');
      expect(row).toMatchObject({ csat: 2, agent_id: t.demo.agentId, team_id: t.demo.teamId, is_current: 1 });
    });

    it('stores nothing new when the same batch is replayed', async () => {
      const events = [feedback({ ticketId: 'B-1' })];
      await post({ events });
      const replay = await post({ events });
      expect(await replay.json()).toMatchObject({
        stored: 0,
        duplicates: 1,
        results: [{ id: events[0]?.id, status: 'duplicate' }],
      });
      expect(await feedbackRows('B-1')).toHaveLength(1);
    });

    it('lets a later score replace the agent’s earlier one, and a late-arriving older score not displace it', async () => {
      const first = feedback({ ticketId: 'C-1', csat: 5, occurredAt: '2026-11-22T10:00:00.000Z' });
      const second = feedback({ ticketId: 'C-1', csat: 2, occurredAt: '2026-11-22T10:05:00.000Z' });
      const stale = feedback({ ticketId: 'C-1', csat: 3, occurredAt: '2026-11-22T09:00:00.000Z' });
      await post({ events: [first] });
      await post({ events: [second] });
      await post({ events: [stale] });
      const current = (await feedbackRows('C-1')).filter((row) => row.is_current === 1);
      expect(current.map((row) => row.csat)).toEqual([2]);
      expect(await feedbackRows('C-1')).toHaveLength(3);
    });

    it('a retraction leaves no current score', async () => {
      await post({ events: [feedback({ ticketId: 'D-1', csat: 1 })] });
      await post({
        events: [feedback({ ticketId: 'D-1', csat: 1, retracted: true, occurredAt: '2026-11-22T10:01:00.000Z' })],
      });
      expect((await feedbackRows('D-1')).filter((row) => row.is_current === 1)).toEqual([]);
    });

    it('rejects a bad event with a 400 naming the field, and writes nothing from that batch', async () => {
      const good = feedback({ ticketId: 'E-1' });
      const bad = { ...feedback({ ticketId: 'E-2' }), csat: 9 };
      const response = await post({ events: [good, bad] });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { issues: { path: string }[] } };
      expect(body.error.issues.map((issue) => issue.path)).toContain('events.1.csat');
      expect(await feedbackRows('E-1')).toEqual([]);
    });

    it('refuses a score dated more than a day ahead or before 2000, naming it, and stores nothing of the batch', async () => {
      const now = Date.now();
      const good = feedback({ ticketId: 'T-1' });
      const ahead = feedback({ ticketId: 'T-2', occurredAt: new Date(now + 25 * 3_600_000).toISOString() });
      const ancient = feedback({ ticketId: 'T-3', occurredAt: '0042-01-01T00:00:00.000Z' });
      const response = await post({ events: [good, ahead, ancient] });
      expect(response.status).toBe(400);
      const issues = ((await response.json()) as { error: { issues: { path: string; message: string }[] } }).error
        .issues;
      expect(issues.map((issue) => issue.path)).toEqual(['events.1.occurredAt', 'events.2.occurredAt']);
      expect(issues[0]?.message).toContain("more than a day ahead of the server's clock");
      expect(issues[1]?.message).toContain('before 2000-01-01');
      expect(await feedbackRows('T-1')).toEqual([]);
      // A clock a few hours fast is drift, not a broken clock: the score is kept.
      const fast = feedback({ ticketId: 'T-4', occurredAt: new Date(now + 3 * 3_600_000).toISOString() });
      expect((await post({ events: [fast] })).status).toBe(200);
      expect(await feedbackRows('T-4')).toHaveLength(1);
    });

    it('refuses text holding half a surrogate pair, which would become U+FFFD and merge two tickets', async () => {
      const response = await post({ events: [feedback({ ticketId: 'S-\ud800' }), feedback({ ticketId: 'S-ok' })] });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        error: { issues: [{ path: 'events.0.ticketId', message: expect.stringContaining('surrogate pair') }] },
      });
      expect(await feedbackRows('S-ok')).toEqual([]);
      // A whole pair (an emoji) is text like any other.
      expect((await post({ events: [feedback({ ticketId: 'S-\u{1F600}' })] })).status).toBe(200);
    });

    it('answers malformed JSON with a 400, not a 500', async () => {
      const response = await post('{"events": [');
      expect(response.status).toBe(400);
    });

    it('refuses a missing or unknown token', async () => {
      expect((await post({ events: [feedback()] }, 'dl_agent_nope')).status).toBe(401);
      const anonymous = await t.app.request('/api/v1/events', { method: 'POST', body: '{}' });
      expect(anonymous.status).toBe(401);
    });

    it('refuses an oversize body with 413', async () => {
      const big = { events: [feedback({ comment: 'x'.repeat(2000) })], padding: 'y'.repeat(2_000_000) };
      expect((await post(big)).status).toBe(413);
    });

    it('answers unknown routes with a JSON 404', async () => {
      const response = await t.app.request('/api/v1/nope');
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    });

    it('reports health and describes itself in OpenAPI', async () => {
      expect(await (await t.app.request('/api/v1/health')).json()).toMatchObject({ status: 'ok', database: kind });
      const spec = (await (await t.app.request('/api/v1/openapi.json')).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/health', '/api/v1/events']));
    });

    it('lets an extension origin call the API through CORS, and no other origin', async () => {
      const preflight = (origin: string) =>
        t.app.request('/api/v1/events', {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'authorization,content-type',
          },
        });
      const extension = await preflight('chrome-extension://goahlondhlgdmjjhmengplhcbjjlbcnd');
      expect(extension.headers.get('access-control-allow-origin')).toBe(
        'chrome-extension://goahlondhlgdmjjhmengplhcbjjlbcnd',
      );
      const website = await preflight('https://evil.example');
      expect(website.headers.get('access-control-allow-origin')).toBeNull();
    });
  });
}

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`batch semantics on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(kind);
    });
    afterAll(async () => {
      await t?.close();
    });
    const post = (events: unknown[]) =>
      t.app.request('/api/v1/events', {
        method: 'POST',
        headers: { authorization: `Bearer ${t.demo.agentToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      });

    it('within one batch, the newest score per ticket is the current one and an id repeated is stored once', async () => {
      const a = feedback({ ticketId: 'F-1', csat: 1, occurredAt: '2026-11-22T10:00:00.000Z' });
      const b = feedback({ ticketId: 'F-1', csat: 4, occurredAt: '2026-11-22T10:02:00.000Z' });
      const c = feedback({ ticketId: 'F-2', csat: 3 });
      const response = await post([a, b, c, a]);
      expect(((await response.json()) as { results: { status: string }[] }).results.map((r) => r.status)).toEqual([
        'stored',
        'stored',
        'stored',
        'duplicate',
      ]);
      const rows = await t.database.db
        .selectFrom('feedback')
        .select(['ticket_id', 'csat', 'is_current'])
        .where('ticket_id', 'in', ['F-1', 'F-2'])
        .orderBy('csat')
        .execute();
      expect(rows).toEqual([
        { ticket_id: 'F-1', csat: 1, is_current: 0 },
        { ticket_id: 'F-2', csat: 3, is_current: 1 },
        { ticket_id: 'F-1', csat: 4, is_current: 1 },
      ]);
    });

    it('stores a full batch of 500 mixed events', async () => {
      const events = Array.from({ length: 500 }, (_, i) =>
        i % 2 === 0
          ? feedback({ ticketId: `G-${i}` })
          : {
              type: 'script_usage',
              id: randomUUID(),
              occurredAt: '2026-11-22T10:00:00.000Z',
              helpdesk: 'zendesk',
              ticketId: `G-${i}`,
              scriptId: 'greeting-en',
              scriptVersion: 1,
              action: 'inserted',
            },
      );
      expect(await (await post(events)).json()).toMatchObject({ stored: 500, duplicates: 0 });
    });
  });
}
