import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKIN_HEADERS, type FleetHealth } from '../../lib/schema/fleet';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from '../testing';

const skipPostgres = await postgresUnavailableReason();
const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`fleet health on ${kind}`, () => {
    let t: TestApp;
    let admin: string;
    const fleet = async () => {
      const response = await t.app.request('/api/v1/fleet', { headers: { authorization: `Bearer ${admin}` } });
      expect(response.status).toBe(200);
      return (await response.json()) as FleetHealth;
    };
    const pull = (headers: Record<string, string>) =>
      t.app.request('/api/v1/catalog', { headers: { authorization: `Bearer ${t.demo.agentToken}`, ...headers } });
    const report = (missing: string[], extensionVersion?: string, helpdesk = 'zendesk') =>
      t.app.request('/api/v1/events', {
        method: 'POST',
        headers: { authorization: `Bearer ${t.demo.agentToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          events: [
            {
              type: 'adapter_health',
              id: randomUUID(),
              occurredAt: new Date().toISOString(),
              helpdesk,
              missing,
              ...(extensionVersion ? { extensionVersion } : {}),
            },
          ],
        }),
      });

    beforeAll(async () => {
      t = await createTestApp(kind);
      admin = await tokenForUser(t.database.db, 'admin@acme.test');
    });
    afterAll(() => t.close());

    it('lists a browser once it pulled its catalog, with version, browser and outbox counts', async () => {
      expect((await fleet()).browsers).toEqual([]);
      expect(
        (await pull({ 'user-agent': CHROME_UA, [CHECKIN_HEADERS.version]: '0.9.1', [CHECKIN_HEADERS.queued]: '3' }))
          .status,
      ).toBe(200);
      // A later pull overwrites the same browser's row; a nonsense count is not believed.
      await pull({
        'user-agent': CHROME_UA,
        [CHECKIN_HEADERS.version]: '0.9.2',
        [CHECKIN_HEADERS.queued]: '2',
        [CHECKIN_HEADERS.rejected]: '-1',
      });
      const health = await fleet();
      expect(health.browsers).toHaveLength(1);
      expect(health.browsers[0]).toMatchObject({
        agent: { email: 'ada@acme.test' },
        team: { id: t.demo.teamId },
        browser: 'Chrome 156',
        extensionVersion: '0.9.2',
        queued: 2,
        rejected: null,
      });
      expect(health.totals).toEqual({ browsers: 1, syncedLastDay: 1, queued: 2, rejected: 0 });
      expect(health.versions).toEqual([{ extensionVersion: '0.9.2', browsers: 1 }]);
    });

    it('groups selectors that stopped matching by helpdesk, version and selector; a recovery is no breakage', async () => {
      for (const status of [
        await report(['subject', 'requesterEmail'], '0.9.2'),
        await report(['subject'], '0.9.2'),
        await report(['subject'], '0.9.1', 'salesforce'),
        await report([], '0.9.2'),
      ])
        expect(status.status).toBe(200);
      const breakages = (await fleet()).adapterBreakages.map(({ firstAt: _f, lastAt: _l, ...rest }) => rest);
      expect(breakages).toEqual(
        expect.arrayContaining([
          { helpdesk: 'zendesk', extensionVersion: '0.9.2', selector: 'subject', reports: 2, agents: 1 },
          { helpdesk: 'zendesk', extensionVersion: '0.9.2', selector: 'requesterEmail', reports: 1, agents: 1 },
          { helpdesk: 'salesforce', extensionVersion: '0.9.1', selector: 'subject', reports: 1, agents: 1 },
        ]),
      );
      expect(breakages).toHaveLength(3);
    });

    it('is for admins only, and names a bad window', async () => {
      const lead = await tokenForUser(t.database.db, 'lee@acme.test');
      expect((await t.app.request('/api/v1/fleet', { headers: { authorization: `Bearer ${lead}` } })).status).toBe(403);
      const bad = await t.app.request('/api/v1/fleet?days=0', { headers: { authorization: `Bearer ${admin}` } });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(await bad.json())).toContain('days');
    });
  });
}
