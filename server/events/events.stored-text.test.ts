import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskLensEventInput, IngestResult } from '../../lib/schema/events';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason } from '../testing';

const skipPostgres = await postgresUnavailableReason();

/**
 * Text written to break a storage layer (array literals, SQL, coercion, Unicode normalisation, trimming), by a
 * helper that had not seen the server's code. Valid text must come back exactly as sent, in every column it lands
 * in; text with a NUL or a lone surrogate is refused naming the field.
 */
const fixture = JSON.parse(
  readFileSync(new URL('../../test/fixtures/payloads/stored-text.json', import.meta.url), 'utf8'),
) as { stored: string[]; refused: string[] };

const AT = '2026-11-22T10:00:00.000Z';

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`hostile text through ingest, on ${kind}`, () => {
    let t: TestApp;
    const post = (events: DeskLensEventInput[]) =>
      t.app.request('/api/v1/events', {
        method: 'POST',
        headers: { authorization: `Bearer ${t.demo.agentToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      });

    beforeAll(async () => {
      t = await createTestApp(kind);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('stores every valid string exactly as sent, in every column it reaches', async () => {
      const nonEmpty = fixture.stored.filter((text) => text.length > 0);
      const scores = fixture.stored.map(
        (text, i): DeskLensEventInput => ({
          type: 'feedback',
          id: randomUUID(),
          occurredAt: AT,
          helpdesk: 'zendesk',
          ticketId: `stored-text-${i}`,
          customer: { id: text, name: text },
          csat: 3,
          comment: text,
          tierId: text,
        }),
      );
      const uses = nonEmpty.map(
        (text): DeskLensEventInput => ({
          type: 'script_usage',
          id: randomUUID(),
          occurredAt: AT,
          helpdesk: 'zendesk',
          ticketId: text,
          scriptId: text,
          scriptVersion: 1,
          action: 'inserted',
        }),
      );
      const outcomes = nonEmpty.map(
        (text): DeskLensEventInput => ({
          type: 'sla',
          id: randomUUID(),
          occurredAt: AT,
          helpdesk: 'zendesk',
          ticketId: text,
          metric: text,
          state: 'breached',
        }),
      );
      const response = await post([...scores, ...uses, ...outcomes]);
      expect(response.status, await response.clone().text()).toBe(200);
      const result = (await response.json()) as IngestResult;
      expect(result.stored).toBe(scores.length + uses.length + outcomes.length);

      const db = t.database.db;
      const feedback = await db
        .selectFrom('feedback')
        .select(['ticket_id', 'comment', 'customer_id', 'tier_id'])
        .where('ticket_id', 'like', 'stored-text-%')
        .execute();
      const byTicket = new Map(feedback.map((row) => [row.ticket_id, row]));
      const payloads = await db
        .selectFrom('events')
        .select(['id', 'payload'])
        .where(
          'id',
          'in',
          scores.map((score) => score.id),
        )
        .execute();
      const payloadById = new Map(payloads.map((row) => [row.id, JSON.parse(row.payload) as { comment?: string }]));
      fixture.stored.forEach((text, i) => {
        const row = byTicket.get(`stored-text-${i}`);
        expect({ comment: row?.comment, customer: row?.customer_id, tier: row?.tier_id }, JSON.stringify(text)).toEqual(
          { comment: text, customer: text, tier: text },
        );
        expect(payloadById.get(scores[i]?.id ?? '')?.comment, JSON.stringify(text)).toBe(text);
      });

      const used = await db.selectFrom('script_usage').select(['ticket_id', 'script_id']).execute();
      expect(used.map((row) => [row.ticket_id, row.script_id]).sort()).toEqual(
        nonEmpty.map((text) => [text, text]).sort(),
      );
      const breached = await db.selectFrom('sla_outcomes').select(['ticket_id', 'metric']).execute();
      expect(breached.map((row) => [row.ticket_id, row.metric]).sort()).toEqual(
        nonEmpty.map((text) => [text, text]).sort(),
      );
    });

    it('refuses text with a NUL or a lone surrogate, naming the field, and stores nothing of the batch', async () => {
      for (const text of fixture.refused) {
        const good: DeskLensEventInput = {
          type: 'feedback',
          id: randomUUID(),
          occurredAt: AT,
          helpdesk: 'zendesk',
          ticketId: 'refused-neighbour',
          customer: {},
          csat: 4,
        };
        const bad: DeskLensEventInput = { ...good, id: randomUUID(), ticketId: 'refused-text', comment: text };
        const response = await post([good, bad]);
        expect(response.status, JSON.stringify(text)).toBe(400);
        const body = (await response.json()) as { error: { issues: { path: string }[] } };
        expect(
          body.error.issues.map((issue) => issue.path),
          JSON.stringify(text),
        ).toContain('events.1.comment');
      }
      const stored = await t.database.db
        .selectFrom('feedback')
        .select('event_id')
        .where('ticket_id', 'in', ['refused-neighbour', 'refused-text'])
        .execute();
      expect(stored).toEqual([]);
    });
  });
}
