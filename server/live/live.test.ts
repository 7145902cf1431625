import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImprovementAction } from '../../lib/schema/actions';
import type { LiveEvent } from '../../lib/schema/live';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from '../testing';

const skipPostgres = await postgresUnavailableReason();

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`the live stream on ${kind}`, () => {
    let t: TestApp;
    const token = {} as Record<'lee' | 'lin' | 'admin', string>;

    beforeAll(async () => {
      t = await createTestApp(kind, { liveHeartbeatMs: 100 });
      for (const who of ['lee', 'lin', 'admin'] as const)
        token[who] = await tokenForUser(t.database.db, `${who}@acme.test`);
    }, 120_000);
    afterAll(async () => {
      await t?.close();
    });

    /** Reads the stream in the background: event names with their data, and comments. */
    async function listen(who: keyof typeof token) {
      const abort = new AbortController();
      const response = await t.app.request('/api/v1/live', {
        headers: { authorization: `Bearer ${token[who]}` },
        signal: abort.signal,
      });
      expect(response.status).toBe(200);
      const seen: { name: string; data?: LiveEvent }[] = [];
      const comments: string[] = [];
      const reading = (async () => {
        const decoder = new TextDecoder();
        let buffer = '';
        try {
          for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
            buffer += decoder.decode(chunk, { stream: true });
            for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              let name = '';
              for (const line of block.split('\n')) {
                if (line.startsWith(':')) comments.push(line.slice(1).trim());
                if (line.startsWith('event:')) name = line.slice(6).trim();
                if (line.startsWith('data:')) seen.push({ name, data: JSON.parse(line.slice(5)) as LiveEvent });
              }
            }
          }
        } catch {
          // aborted
        }
      })();
      const until = async (done: () => boolean, what: string) => {
        for (const deadline = Date.now() + 5000; !done(); ) {
          if (Date.now() > deadline) throw new Error(`no ${what} within 5 s: ${JSON.stringify(seen)}`);
          await new Promise((wait) => setTimeout(wait, 20));
        }
      };
      await until(() => comments.includes('connected'), 'connected comment');
      return {
        seen,
        comments,
        until,
        stop: async () => {
          abort.abort();
          // An in-process body may stay open until the app stops; the reader is left to end with it.
          void reading;
        },
      };
    }

    it('sends a heartbeat while nothing happens', async () => {
      const lee = await listen('lee');
      await lee.until(() => lee.comments.filter((c) => c === 'heartbeat').length >= 2, 'two heartbeats');
      await lee.stop();
    });

    it('names each event by its type and keeps alerts and actions to the team they belong to', async () => {
      const lee = await listen('lee');
      const lin = await listen('lin');
      const admin = await listen('admin');
      const created = await t.app.request('/api/v1/actions', {
        method: 'POST',
        headers: { authorization: `Bearer ${token.lee}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          problem: { metric: 'csat', scopeType: 'team', scopeId: t.demo.teamId, description: 'CSAT 81%' },
          action: 'First reply within 30 minutes',
          ownerId: 'user_demo_lee',
        }),
      });
      const action = (await created.json()) as ImprovementAction;
      const about = (e: { name: string; data?: LiveEvent }) =>
        e.name === 'action' && e.data?.type === 'action' && e.data.action.id === action.id;
      await lee.until(() => lee.seen.some(about), 'action event for Lee');
      await admin.until(() => admin.seen.some(about), 'action event for the admin');

      // Lin's own team's score arrives; Tier 1's action never does.
      const linToken = await tokenForUser(t.database.db, 'bo@acme.test');
      const eventId = randomUUID();
      await t.app.request('/api/v1/events', {
        method: 'POST',
        headers: { authorization: `Bearer ${linToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          events: [
            {
              type: 'feedback',
              id: eventId,
              occurredAt: new Date().toISOString(),
              helpdesk: 'zendesk',
              ticketId: 'LV-1',
              customer: {},
              csat: 5,
            },
          ],
        }),
      });
      await lin.until(
        () => lin.seen.some((e) => e.name === 'score' && e.data?.type === 'score' && e.data.score.eventId === eventId),
        'Bo’s score for Lin',
      );
      expect(lin.seen.some(about)).toBe(false);
      expect(lee.seen.some((e) => e.data?.type === 'score' && e.data.score.eventId === eventId)).toBe(false);
      await Promise.all([lee.stop(), lin.stop(), admin.stop()]);
    });
  });
}
