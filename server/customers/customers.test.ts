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

    it('answers 404 for an unknown customer and 400 naming what is missing', async () => {
      expect((await get('email=nobody%40example.com')).status).toBe(404);
      const bad = await get('helpdesk=zendesk');
      expect(bad.status).toBe(400);
      expect(JSON.stringify(await bad.json())).toContain('give email, or requesterId with helpdesk');
    });
  });
}
