import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeskLensEventInput, IngestResult } from '../../lib/schema/events';
import type { LivePoll } from '../../lib/schema/live';
import { newToken, storeToken } from '../auth/tokens';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from '../testing';

const skipPostgres = await postgresUnavailableReason();

/** A second organisation on the same server, with one agent, as another customer of a hosted DeskLens would be. */
async function otherOrganisationAgent(t: TestApp): Promise<string> {
  const at = new Date().toISOString();
  const db = t.database.db;
  await db.insertInto('orgs').values({ id: 'org_globex', name: 'Globex', created_at: at }).execute();
  await db
    .insertInto('teams')
    .values({ id: 'team_globex', org_id: 'org_globex', name: 'Support', slug: 'support', created_at: at })
    .execute();
  await db
    .insertInto('users')
    .values({
      id: 'user_globex_mallory',
      org_id: 'org_globex',
      team_id: 'team_globex',
      email: 'mallory@globex.test',
      name: 'Mallory',
      role: 'agent',
      password_hash: null,
      created_at: at,
    })
    .execute();
  const token = newToken('agent');
  await storeToken(db, token, {
    org_id: 'org_globex',
    user_id: 'user_globex_mallory',
    team_id: 'team_globex',
    kind: 'agent',
    label: 'Mallory laptop',
    expires_at: null,
  });
  return token;
}

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`event ids belong to one organisation, on ${kind}`, () => {
    let t: TestApp;
    let otherOrgToken: string;
    let adminToken: string;
    const post = async (events: DeskLensEventInput[], token: string) => {
      const response = await t.app.request('/api/v1/events', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as IngestResult).results.map((result) => result.status);
    };

    // The same ids from two organisations: SLA outcome ids are derived from the ticket by a rule anyone can read,
    // so another org can send them first.
    const slaId = randomUUID();
    const feedbackId = randomUUID();
    const usageId = randomUUID();
    const batch = (csat: number, ticketId: string): DeskLensEventInput[] => [
      {
        type: 'sla',
        id: slaId,
        occurredAt: '2026-11-22T10:00:00.000Z',
        helpdesk: 'zendesk',
        ticketId,
        metric: 'first_reply_time',
        state: 'breached',
      },
      {
        type: 'feedback',
        id: feedbackId,
        occurredAt: '2026-11-22T10:01:00.000Z',
        helpdesk: 'zendesk',
        ticketId,
        customer: { email: 'grace@example.com' },
        csat,
      },
      {
        type: 'script_usage',
        id: usageId,
        occurredAt: '2026-11-22T10:02:00.000Z',
        helpdesk: 'zendesk',
        ticketId,
        scriptId: 'greeting-en',
        scriptVersion: 1,
        action: 'inserted',
      },
    ];

    beforeAll(async () => {
      t = await createTestApp(kind);
      otherOrgToken = await otherOrganisationAgent(t);
      adminToken = await tokenForUser(t.database.db, 'admin@acme.test');
    }, 120_000);
    afterAll(async () => {
      await t?.close();
    });

    it('stores an org’s events although another org sent the same ids first, each credited to its own org', async () => {
      const startedAt = new Date().toISOString();
      expect(await post(batch(1, 'G-7'), otherOrgToken)).toEqual(['stored', 'stored', 'stored']);
      expect(await post(batch(5, 'A-7'), t.demo.agentToken)).toEqual(['stored', 'stored', 'stored']);

      const db = t.database.db;
      for (const table of ['sla_outcomes', 'feedback', 'script_usage'] as const) {
        const rows = await db
          .selectFrom(table)
          .select(['org_id', 'ticket_id'])
          .where('event_id', 'in', [slaId, feedbackId, usageId])
          .orderBy('org_id')
          .execute();
        expect(rows, table).toEqual([
          { org_id: 'org_demo_acme', ticket_id: 'A-7' },
          { org_id: 'org_globex', ticket_id: 'G-7' },
        ]);
      }
      const scores = await db
        .selectFrom('feedback')
        .select(['org_id', 'csat', 'is_current'])
        .where('event_id', '=', feedbackId)
        .orderBy('org_id')
        .execute();
      expect(scores).toEqual([
        { org_id: 'org_demo_acme', csat: 5, is_current: 1 },
        { org_id: 'org_globex', csat: 1, is_current: 1 },
      ]);

      // An admin's live feed (every team of the org) shows this org's score once, never the other org's under its id.
      const poll = await t.app.request(`/api/v1/live/scores?after=${encodeURIComponent(startedAt)}`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(poll.status).toBe(200);
      const live = ((await poll.json()) as LivePoll).scores.filter((score) => score.eventId === feedbackId);
      expect(live.map((score) => [score.ticketId, score.csat])).toEqual([['A-7', 5]]);
    });

    it('still stores an id once within one org: a replay, and a second agent reporting the same SLA outcome', async () => {
      expect(await post(batch(5, 'A-7'), t.demo.agentToken)).toEqual(['duplicate', 'duplicate', 'duplicate']);
      const secondAgent = await tokenForUser(t.database.db, 'bo@acme.test');
      const [sla] = batch(2, 'A-7');
      expect(await post(sla ? [sla] : [], secondAgent)).toEqual(['duplicate']);
      const rows = await t.database.db
        .selectFrom('sla_outcomes')
        .select(['org_id', 'agent_id'])
        .where('event_id', '=', slaId)
        .where('org_id', '=', 'org_demo_acme')
        .execute();
      expect(rows).toEqual([{ org_id: 'org_demo_acme', agent_id: t.demo.agentId }]);
    });
  });
}
