import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from '../testing';

const skipPostgres = await postgresUnavailableReason();
const deviceSecret = () => randomBytes(32).toString('base64url');

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`enrollment by approval and by password on ${kind}`, () => {
    let t: TestApp;
    let lee: string;
    let lin: string;
    let admin: string;
    const post = (path: string, body: unknown, token?: string) =>
      t.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    const get = (path: string, token: string) => t.app.request(path, { headers: { authorization: `Bearer ${token}` } });
    const ask = (email: string, secret = deviceSecret(), name?: string) =>
      post('/api/v1/enroll', {
        enrollmentToken: t.demo.enrollmentToken,
        agent: { email, ...(name ? { name } : {}), helpdeskUserId: '9001' },
        deviceSecret: secret,
      });
    const claim = (deviceId: string, secret: string) =>
      post('/api/v1/enroll/claim', { deviceId, deviceSecret: secret });
    const storeScore = (token: string, ticketId: string) =>
      post(
        '/api/v1/events',
        {
          events: [
            {
              type: 'feedback',
              id: randomUUID(),
              occurredAt: new Date().toISOString(),
              helpdesk: 'zendesk',
              ticketId,
              csat: 5,
            },
          ],
        },
        token,
      );

    beforeAll(async () => {
      t = await createTestApp(kind);
      lee = await tokenForUser(t.database.db, 'lee@acme.test');
      lin = await tokenForUser(t.database.db, 'lin@acme.test');
      admin = await tokenForUser(t.database.db, 'admin@acme.test');
    });
    afterAll(async () => {
      await t?.close();
    });

    it('gives a new person nothing until a lead of the team approves, then a token in that team', async () => {
      const secret = deviceSecret();
      const asked = await ask('New.Agent@Acme.test', secret, 'Nia New');
      expect(asked.status).toBe(202);
      const pending = (await asked.json()) as { deviceId: string; status: string; email: string; teamId: string };
      expect(pending).toMatchObject({ status: 'pending', email: 'new.agent@acme.test', teamId: t.demo.teamId });
      expect((await claim(pending.deviceId, secret)).status).toBe(202);
      expect(
        await t.database.db.selectFrom('users').select('id').where('email', '=', 'new.agent@acme.test').execute(),
      ).toEqual([]);

      const listed = (await (await get('/api/v1/devices?status=pending', lee)).json()) as {
        devices: { id: string; email: string; knownUser: boolean; helpdeskUserId: string }[];
      };
      expect(listed.devices).toContainEqual(
        expect.objectContaining({
          id: pending.deviceId,
          email: 'new.agent@acme.test',
          knownUser: false,
          helpdeskUserId: '9001',
        }),
      );
      // The other team's lead neither sees nor decides it.
      const linList = (await (await get('/api/v1/devices', lin)).json()) as { devices: { id: string }[] };
      expect(linList.devices.map((d) => d.id)).not.toContain(pending.deviceId);
      expect((await post(`/api/v1/devices/${pending.deviceId}/approve`, {}, lin)).status).toBe(403);
      expect((await get(`/api/v1/devices?teamId=${t.demo.teamId}`, lin)).status).toBe(403);

      const approved = await post(`/api/v1/devices/${pending.deviceId}/approve`, {}, lee);
      expect(approved.status).toBe(200);
      expect(await approved.json()).toMatchObject({ status: 'approved', knownUser: true, decidedBy: 'user_demo_lee' });
      const issued = await claim(pending.deviceId, secret);
      expect(issued.status).toBe(201);
      const first = (await issued.json()) as { token: string; agent: { id: string }; teamId: string; method: string };
      expect(first).toMatchObject({ teamId: t.demo.teamId, method: 'approval' });
      expect((await storeScore(first.token, 'A-1')).status).toBe(200);
      const [row] = await t.database.db
        .selectFrom('feedback')
        .select(['agent_id', 'team_id'])
        .where('ticket_id', '=', 'A-1')
        .execute();
      expect(row).toEqual({ agent_id: first.agent.id, team_id: t.demo.teamId });
      expect(
        await t.database.db
          .selectFrom('users')
          .select(['role', 'team_id', 'name'])
          .where('id', '=', first.agent.id)
          .executeTakeFirst(),
      ).toEqual({ role: 'agent', team_id: t.demo.teamId, name: 'Nia New' });

      // Asking again (a lost answer) replaces the token; the first stops working. A wrong secret learns nothing.
      const again = (await (await claim(pending.deviceId, secret)).json()) as { token: string };
      expect((await get('/api/v1/me', first.token)).status).toBe(401);
      expect((await get('/api/v1/me', again.token)).status).toBe(200);
      expect((await claim(pending.deviceId, deviceSecret())).status).toBe(404);
    });

    it('refuses another team’s agent, a deactivated user and a lead with one answer that reveals nothing', async () => {
      await t.database.db
        .insertInto('users')
        .values({
          id: 'user_gone',
          org_id: t.demo.orgId,
          team_id: t.demo.teamId,
          email: 'gone@acme.test',
          name: 'Gone',
          role: 'agent',
          password_hash: null,
          created_at: new Date().toISOString(),
          deactivated_at: new Date().toISOString(),
        })
        .execute();
      const devicesBefore = (await t.database.db.selectFrom('devices').select('id').execute()).length;
      const answers: unknown[] = [];
      for (const email of ['bo@acme.test', 'gone@acme.test', 'lee@acme.test']) {
        const response = await ask(email);
        expect({ email, status: response.status }).toEqual({ email, status: 403 });
        answers.push(await response.json());
      }
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(JSON.stringify(answers[0])).not.toMatch(
        /is a lead|not an agent|another team|other_team|deactivated|tier 2/i,
      );
      expect((await t.database.db.selectFrom('devices').select('id').execute()).length).toBe(devicesBefore);
      const audit = (await (await get('/api/v1/audit?action=enroll.refuse', admin)).json()) as {
        entries: { targetId: string; actorRole: string; details: { reason: string } }[];
      };
      expect(Object.fromEntries(audit.entries.map((e) => [e.targetId, e.details.reason]))).toMatchObject({
        'bo@acme.test': 'other_team',
        'gone@acme.test': 'deactivated',
        'lee@acme.test': 'not_an_agent',
      });
      expect(audit.entries.every((e) => e.actorRole === 'enrollment')).toBe(true);
    });

    it('binds an existing agent only after approval; a revoked token means asking again', async () => {
      const secret = deviceSecret();
      const { deviceId } = (await (await ask('ada@acme.test', secret)).json()) as { deviceId: string };
      expect((await post(`/api/v1/devices/${deviceId}/approve`, {}, admin)).status).toBe(200);
      const issued = (await (await claim(deviceId, secret)).json()) as { token: string; agent: { id: string } };
      expect(issued.agent.id).toBe(t.demo.agentId);
      const tokenId = (
        await t.database.db
          .selectFrom('devices')
          .select('token_id')
          .where('id', '=', deviceId)
          .executeTakeFirstOrThrow()
      ).token_id;
      expect(
        (
          await t.app.request(`/api/v1/tokens/${tokenId}`, {
            method: 'DELETE',
            headers: { authorization: `Bearer ${admin}` },
          })
        ).status,
      ).toBe(200);
      expect((await get('/api/v1/me', issued.token)).status).toBe(401);
      expect((await claim(deviceId, secret)).status).toBe(403);
      // Enrolling again gives a pending request, not a token.
      expect((await ask('ada@acme.test')).status).toBe(202);
    });

    it('tells a rejected browser why, and re-checks the person at approval', async () => {
      const secret = deviceSecret();
      const { deviceId } = (await (await ask('stranger@acme.test', secret)).json()) as { deviceId: string };
      const rejected = await post(`/api/v1/devices/${deviceId}/reject`, { reason: 'Not one of ours' }, lee);
      expect(rejected.status).toBe(200);
      const refused = await claim(deviceId, secret);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({
        error: { code: 'enrollment_rejected', message: expect.stringContaining('Not one of ours') },
      });
      expect((await post(`/api/v1/devices/${deviceId}/approve`, {}, lee)).status).toBe(409);

      // Moved to another team between the request and the approval: not approved.
      const moved = deviceSecret();
      const { deviceId: movedId } = (await (await ask('mover@acme.test', moved)).json()) as { deviceId: string };
      await t.database.db
        .insertInto('users')
        .values({
          id: 'user_mover',
          org_id: t.demo.orgId,
          team_id: t.demo.otherTeamId,
          email: 'mover@acme.test',
          name: 'Mover',
          role: 'agent',
          password_hash: null,
          created_at: new Date().toISOString(),
        })
        .execute();
      const conflict = await post(`/api/v1/devices/${movedId}/approve`, {}, lee);
      expect(conflict.status).toBe(409);
      expect(JSON.stringify(await conflict.json())).toContain('other team');
    });

    it('lets a request expire after a week, and a revoked device stop at once', async () => {
      const secret = deviceSecret();
      const { deviceId } = (await (await ask('late@acme.test', secret)).json()) as { deviceId: string };
      await t.database.db
        .updateTable('devices')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .where('id', '=', deviceId)
        .execute();
      expect((await claim(deviceId, secret)).status).toBe(410);
      const expired = (await (await get('/api/v1/devices?status=expired', lee)).json()) as {
        devices: { id: string }[];
      };
      expect(expired.devices.map((d) => d.id)).toContain(deviceId);
      expect((await post(`/api/v1/devices/${deviceId}/approve`, {}, lee)).status).toBe(409);

      const kept = deviceSecret();
      const { deviceId: keptId } = (await (await ask('kept@acme.test', kept)).json()) as { deviceId: string };
      await post(`/api/v1/devices/${keptId}/approve`, {}, lee);
      const { token } = (await (await claim(keptId, kept)).json()) as { token: string };
      expect((await post(`/api/v1/devices/${keptId}/revoke`, { reason: 'laptop lost' }, lee)).status).toBe(200);
      expect((await get('/api/v1/me', token)).status).toBe(401);
      const audit = JSON.stringify(await (await get(`/api/v1/audit?targetId=${keptId}`, admin)).json());
      for (const action of ['enroll.request', 'device.approve', 'enroll.claim', 'device.revoke'])
        expect(audit).toContain(action);
    });

    it('refuses approval requests where the organisation only allows other modes', async () => {
      const saved = await t.app.request('/api/v1/identity/settings', {
        method: 'PUT',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ preferredMode: 'password', allowedModes: ['password'], oidc: null }),
      });
      expect(saved.status).toBe(200);
      const refused = await ask('someone@acme.test');
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: 'identity_mode_not_allowed' } });
      expect(await (await post('/api/v1/enroll/options', { enrollmentToken: t.demo.enrollmentToken })).json()).toEqual({
        preferredMode: 'password',
        allowedModes: ['password'],
      });
      await t.app.request('/api/v1/identity/settings', {
        method: 'PUT',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: JSON.stringify({ preferredMode: 'approval', allowedModes: ['approval', 'password'], oidc: null }),
      });
    });

    it('binds a browser with the console password of someone in the team, and nobody else', async () => {
      const withPassword = (email: string, password: string, enrollmentToken = t.demo.enrollmentToken) =>
        post('/api/v1/enroll/password', { enrollmentToken, email, password });
      const ada = await withPassword('Ada@Acme.test', 'demo-agent');
      expect(ada.status).toBe(201);
      expect(await ada.json()).toMatchObject({
        agent: { id: t.demo.agentId },
        teamId: t.demo.teamId,
        method: 'password',
      });
      // Lee leads Tier 1: his own browser may be his.
      expect((await withPassword('lee@acme.test', 'demo-lead')).status).toBe(201);
      const wrong = await withPassword('ada@acme.test', 'not-her-password');
      expect(wrong.status).toBe(401);
      const bo = await withPassword('bo@acme.test', 'demo-agent2');
      expect(bo.status).toBe(403);
      expect(await bo.json()).toEqual(await (await ask('bo@acme.test')).json());
      expect((await withPassword('ada@acme.test', 'demo-agent', 'dl_enroll_not_a_real_token')).status).toBe(401);
    });

    it('names a bad field and stores nothing, for null, a string and a bad email alike', async () => {
      const before = (await t.database.db.selectFrom('devices').select('id').execute()).length;
      for (const body of [
        null,
        'x',
        { enrollmentToken: t.demo.enrollmentToken, agent: { email: 'nope' }, deviceSecret: deviceSecret() },
      ]) {
        const response = await t.app.request('/api/v1/enroll', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(response.status).toBe(400);
      }
      const named = await ask('not-an-email');
      expect(((await named.json()) as { error: { issues: { path: string }[] } }).error.issues[0]?.path).toBe(
        'agent.email',
      );
      const noSecret = await post('/api/v1/enroll', {
        enrollmentToken: t.demo.enrollmentToken,
        agent: { email: 'x@acme.test' },
      });
      expect(JSON.stringify(await noSecret.json())).toContain('deviceSecret');
      expect((await t.database.db.selectFrom('devices').select('id').execute()).length).toBe(before);
    });
  });
}
