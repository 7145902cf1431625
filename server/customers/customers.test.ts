import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason } from '../testing';

const skipPostgres = await postgresUnavailableReason();

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`GET /api/v1/customers/lookup on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(kind);
    });
    afterAll(async () => {
      await t?.close();
    });
    const get = (query: string) =>
      t.app.request(`/api/v1/customers/lookup?${query}`, { headers: { authorization: `Bearer ${t.demo.agentToken}` } });

    it('finds a customer by email and explains their tier', async () => {
      const body = (await (await get('email=Alan%40example.org')).json()) as {
        tier: { id: string };
        reasons: { ruleId: string; values: unknown }[];
      };
      expect(body.tier.id).toBe('vip');
      expect(body.reasons[0]).toMatchObject({ ruleId: 'vip-tag-or-spend', values: { lifetimeValue: 64000 } });
    });

    it('finds a customer by helpdesk requester id', async () => {
      const body = (await (await get('requesterId=501&helpdesk=zendesk')).json()) as {
        tier: { id: string };
        customer: { name: string };
      };
      expect(body).toMatchObject({ tier: { id: 'high_value' }, customer: { name: 'Grace Hopper' } });
    });

    it('shows the customer’s newest counted CSAT and NPS recorded in DeskLens, over the CRM’s, and finds by them', async () => {
      const score = (id: string, email: string, csat: number, nps: number | null, at: string, current = 1) => ({
        event_id: id,
        org_id: t.demo.orgId,
        team_id: t.demo.teamId,
        agent_id: t.demo.agentId,
        helpdesk: 'zendesk',
        ticket_id: id,
        round: 'initial' as const,
        csat,
        nps,
        dimensions: null,
        comment: null,
        customer_id: null,
        customer_email: email,
        tier_id: null,
        retracted: 0,
        is_current: current,
        occurred_at: at,
      });
      await t.database.db
        .insertInto('feedback')
        .values([
          score('f1', 'grace@example.com', 2, 3, '2026-11-20T10:00:00.000Z'),
          score('f2', 'grace@example.com', 5, null, '2026-11-21T10:00:00.000Z'),
          score('f3', 'grace@example.com', 1, 0, '2026-11-22T10:00:00.000Z', 0),
          score('f4', 'walk-in@example.net', 3, 7, '2026-11-22T10:00:00.000Z'),
        ])
        .execute();
      const grace = (await (await get('email=grace%40example.com')).json()) as { customer: Record<string, unknown> };
      // Newest counted CSAT (5), newest counted NPS (3); the replaced score f3 does not count; CRM fields stay.
      expect(grace.customer).toMatchObject({ lastCsat: 5, lastNps: 3, lifetimeValue: 12_500, name: 'Grace Hopper' });
      // Not in the CRM, but scored before: known by those scores.
      const walkIn = await get('email=walk-in%40example.net');
      expect(walkIn.status).toBe(200);
      expect(((await walkIn.json()) as { customer: Record<string, unknown> }).customer).toMatchObject({
        lastCsat: 3,
        lastNps: 7,
      });
    });

    it('answers 404 for an unknown customer and 400 naming what is missing', async () => {
      expect((await get('email=nobody%40example.com')).status).toBe(404);
      const bad = await get('helpdesk=zendesk');
      expect(bad.status).toBe(400);
      expect(JSON.stringify(await bad.json())).toContain('give email, or requesterId with helpdesk');
    });
  });
}
