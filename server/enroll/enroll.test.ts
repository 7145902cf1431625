import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason } from '../testing';

const skipPostgres = await postgresUnavailableReason();

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`POST /api/v1/enroll on ${kind}`, () => {
    let t: TestApp;
    const enroll = (body: unknown) =>
      t.app.request('/api/v1/enroll', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    beforeAll(async () => {
      t = await createTestApp(kind);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('gives a new agent their own token, in the enrollment token’s team, that works for ingest', async () => {
      const response = await enroll({
        enrollmentToken: t.demo.enrollmentToken,
        agent: { email: 'New.Agent@Acme.test', name: 'Nia New' },
      });
      expect(response.status).toBe(201);
      const body = (await response.json()) as { token: string; agent: { id: string; email: string }; teamId: string };
      expect(body.agent.email).toBe('new.agent@acme.test');
      expect(body.teamId).toBe(t.demo.teamId);
      const stored = await t.database.db
        .selectFrom('api_tokens')
        .select('token_hash')
        .where('user_id', '=', body.agent.id)
        .execute();
      expect(stored.map((row) => row.token_hash)).not.toContain(body.token);

      const ingest = await t.app.request('/api/v1/events', {
        method: 'POST',
        headers: { authorization: `Bearer ${body.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          events: [
            {
              type: 'feedback',
              id: randomUUID(),
              occurredAt: new Date().toISOString(),
              helpdesk: 'zendesk',
              ticketId: '7',
              csat: 5,
            },
          ],
        }),
      });
      expect(ingest.status).toBe(200);
      const [row] = await t.database.db
        .selectFrom('feedback')
        .select(['agent_id', 'team_id'])
        .where('ticket_id', '=', '7')
        .execute();
      expect(row).toEqual({ agent_id: body.agent.id, team_id: t.demo.teamId });
    });

    it('finds an existing agent by email instead of creating a second one', async () => {
      const again = (await (
        await enroll({ enrollmentToken: t.demo.enrollmentToken, agent: { email: 'ada@acme.test' } })
      ).json()) as { agent: { id: string } };
      expect(again.agent.id).toBe(t.demo.agentId);
    });

    it('refuses an unknown enrollment token, an agent token used as one, and a console user’s email', async () => {
      expect((await enroll({ enrollmentToken: 'dl_enroll_nope_nope', agent: { email: 'x@acme.test' } })).status).toBe(
        401,
      );
      expect((await enroll({ enrollmentToken: t.demo.agentToken, agent: { email: 'x@acme.test' } })).status).toBe(401);
      expect(
        (await enroll({ enrollmentToken: t.demo.enrollmentToken, agent: { email: 'lee@acme.test' } })).status,
      ).toBe(409);
    });

    it('names a bad field and creates nothing', async () => {
      const before = await t.database.db.selectFrom('users').select('id').execute();
      const response = await enroll({ enrollmentToken: t.demo.enrollmentToken, agent: { email: 'not-an-email' } });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe(
        'agent.email',
      );
      expect(await t.database.db.selectFrom('users').select('id').execute()).toHaveLength(before.length);
    });
  });
}
