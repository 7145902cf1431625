import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptEntry } from '../../lib/schema/scripts';
import { DEFAULT_CATALOG } from '../../lib/scripts/default-catalog';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason } from '../testing';
import { publishScripts } from './catalog.handlers';

const skipPostgres = await postgresUnavailableReason();

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`GET /api/v1/catalog on ${kind}`, () => {
    let t: TestApp;
    const get = (etag?: string) =>
      t.app.request('/api/v1/catalog', {
        headers: { authorization: `Bearer ${t.demo.agentToken}`, ...(etag ? { 'if-none-match': etag } : {}) },
      });
    beforeAll(async () => {
      t = await createTestApp(kind);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('serves the published catalog with an ETag, and 304 with no body when unchanged', async () => {
      const first = await get();
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag') ?? '';
      const body = (await first.json()) as { scripts: { id: string }[] };
      expect(body.scripts.length).toBe(DEFAULT_CATALOG.length);
      const again = await get(etag);
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
    });

    it('changes version when a trainer publishes, and serves only the newest version of each script', async () => {
      const etag = (await get()).headers.get('etag') ?? '';
      const edited = ScriptEntry.parse({
        id: 'greeting-en',
        title: 'Greeting (new)',
        body: 'Hello {{customer.first_name | there}}!',
        locale: 'en',
        scenario: 'greeting',
      });
      await publishScripts(t.database.db, t.demo.orgId, [edited]);
      const changed = await get(etag);
      expect(changed.status).toBe(200);
      const scripts = (
        (await changed.json()) as { scripts: { id: string; title: string; version: number }[] }
      ).scripts.filter((s) => s.id === 'greeting-en');
      expect(scripts).toEqual([expect.objectContaining({ title: 'Greeting (new)', version: 2 })]);
    });

    it('keeps scripts published to other teams out', async () => {
      const other = ScriptEntry.parse({ id: 'team-b-only', title: 'B', body: 'b', locale: 'en', scenario: 'greeting' });
      await publishScripts(t.database.db, t.demo.orgId, [other], ['team_other']);
      const ids = ((await (await get()).json()) as { scripts: { id: string }[] }).scripts.map((s) => s.id);
      expect(ids).not.toContain('team-b-only');
    });

    it('requires an agent token', async () => {
      expect((await t.app.request('/api/v1/catalog')).status).toBe(401);
    });
  });
}
