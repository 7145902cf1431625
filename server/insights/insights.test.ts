import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason } from '../testing';

const skipPostgres = await postgresUnavailableReason();

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`POST /api/v1/insights on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(kind);
    });
    afterAll(async () => {
      await t?.close();
    });
    const post = (body: unknown, token = t.demo.agentToken) =>
      t.app.request('/api/v1/insights', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const ticket = {
      helpdesk: 'zendesk',
      ticketId: '1001',
      url: 'https://acme.zendesk.com/agent/tickets/1001',
      subject: 'Card charged twice: fraud?',
      priority: 'urgent',
      createdAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      requester: { name: 'Alan Turing', email: 'alan@example.org' },
      latestCustomerMessage: 'Someone used my card, funds lost',
    };

    it('answers the tier the CRM gives the customer, running clocks and filled-in scripts', async () => {
      const response = await post({ ticket });
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        ticketId: string;
        grade: string;
        tier: { id: string; reasons: { en: string }[] };
        sla: { metric: string; state: string }[];
        scripts: { id: string; text: string; missing: string[] }[];
      };
      expect(body.ticketId).toBe('1001');
      expect(body.tier.id).toBe('vip');
      expect(body.tier.reasons[0]?.en).toContain('64000');
      expect(body.grade).toBe('urgent');
      expect(body.sla.find((clock) => clock.metric === 'first_reply_time')?.state).toBe('active');
      expect(body.scripts.length).toBeGreaterThan(0);
      // The org's published catalog ranked for this ticket, filled in (nothing left unfilled for a known customer).
      expect(body.scripts[0]?.id).toBe('fraud-escalation-en');
      expect(body.scripts[0]?.missing).toEqual([]);
      expect(body.scripts[0]?.text).not.toContain('{{');
    });

    it('searches the catalog for the agent, filled in for the ticket, and refuses an empty query by name', async () => {
      const response = await t.app.request('/api/v1/insights/search', {
        method: 'POST',
        headers: { authorization: `Bearer ${t.demo.agentToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ticket, query: 'fraud' }),
      });
      expect(response.status).toBe(200);
      const { scripts } = (await response.json()) as { scripts: { id: string; text: string }[] };
      expect(scripts.map((script) => script.id)).toContain('fraud-escalation-en');
      const empty = await t.app.request('/api/v1/insights/search', {
        method: 'POST',
        headers: { authorization: `Bearer ${t.demo.agentToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ticket, query: ' ' }),
      });
      expect(empty.status).toBe(400);
      expect(JSON.stringify(await empty.json())).toContain('query');
    });

    it('refuses a ticket that does not validate, naming the field, and an unknown token', async () => {
      const bad = await post({ ticket: { ...ticket, url: 'not a url' } });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(await bad.json())).toContain('url');
      expect((await post({ ticket }, 'dl_agent_nope')).status).toBe(401);
    });
  });
}
