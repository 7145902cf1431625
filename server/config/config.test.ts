import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason } from '../testing';
import { setConfig } from './config.handlers';

const skipPostgres = await postgresUnavailableReason();

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`GET /api/v1/config on ${kind}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(kind);
    });
    afterAll(async () => {
      await t?.close();
    });
    const get = () => t.app.request('/api/v1/config', { headers: { authorization: `Bearer ${t.demo.agentToken}` } });

    it('serves the org configuration with the team’s on top', async () => {
      await setConfig(t.database.db, t.demo.orgId, '', {
        notificationLeadMinutes: 20,
        syncIntervalMinutes: 10,
        features: { scripts: false },
      });
      await setConfig(t.database.db, t.demo.orgId, t.demo.teamId, { notificationLeadMinutes: 5 });
      expect(await (await get()).json()).toEqual({
        orgId: t.demo.orgId,
        teamId: t.demo.teamId,
        notificationLeadMinutes: 5,
        syncIntervalMinutes: 10,
        features: { scripts: false },
      });
    });

    it('refuses to store an invalid configuration, naming the field, and keeps the old one', async () => {
      await expect(
        setConfig(t.database.db, t.demo.orgId, t.demo.teamId, { notificationLeadMinutes: -3 }),
      ).rejects.toThrow(/notificationLeadMinutes/);
      expect(((await (await get()).json()) as { notificationLeadMinutes: number }).notificationLeadMinutes).toBe(5);
    });
  });
}
