import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScriptEntry } from '../../lib/schema/scripts';
import type { AuthenticatedAgent } from '../auth/tokens';
import { type OpenDatabase, openDatabase } from '../db';
import { type DemoInfo, seedDemo } from '../demo/seed';
import { writeScope } from '../rules/rules.store';
import { createTestDatabase, DATABASE_KINDS, postgresUnavailableReason, type TestDatabase } from '../testing';
import { catalogFor, publishScripts } from './catalog.handlers';

const skipPostgres = await postgresUnavailableReason();

/**
 * The catalog each instance keeps between changes must follow changes made through any instance: two handles on
 * one database stand for two servers behind a load balancer.
 */
for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`the catalog kept between changes, on ${kind}`, () => {
    let database: TestDatabase;
    let first: OpenDatabase;
    let second: OpenDatabase;
    let demo: DemoInfo;
    let agent: AuthenticatedAgent;
    beforeAll(async () => {
      database = await createTestDatabase(kind);
      first = await openDatabase(database.url);
      second = await openDatabase(database.url);
      demo = await seedDemo(first.db);
      agent = {
        id: demo.agentId,
        org_id: demo.orgId,
        team_id: demo.teamId,
        role: 'agent',
        email: 'ada@acme.test',
        name: 'Ada',
        tokenId: 'token_test',
      };
    });
    afterAll(async () => {
      await first?.close();
      await second?.close();
      await database?.drop();
    });

    it('serves the same answer while nothing changes', async () => {
      const one = await catalogFor(first.db, agent);
      const two = await catalogFor(first.db, agent);
      expect(two.etag).toBe(one.etag);
      expect(two.catalog.scripts.length).toBe(one.catalog.scripts.length);
    });

    it('sees a publish made through the other instance at once', async () => {
      const before = await catalogFor(first.db, agent);
      const entry = ScriptEntry.parse({
        id: 'kept-catalog-probe',
        title: 'Probe',
        body: 'Hello {{customer.first_name | there}}',
        locale: 'en',
        scenario: 'greeting',
      });
      await publishScripts(second.db, demo.orgId, [entry]);
      const after = await catalogFor(first.db, agent);
      expect(after.etag).not.toBe(before.etag);
      expect(after.catalog.scripts.map((s) => s.id)).toContain('kept-catalog-probe');
    });

    it('sees a retire and a settings change made through the other instance', async () => {
      await second.db
        .updateTable('scripts')
        .set({ status: 'retired', updated_at: new Date(Date.now() + 1000).toISOString() })
        .where('org_id', '=', demo.orgId)
        .where('id', '=', 'kept-catalog-probe')
        .execute();
      const retired = await catalogFor(first.db, agent);
      expect(retired.catalog.scripts.map((s) => s.id)).not.toContain('kept-catalog-probe');

      await writeScope(second.db, demo.orgId, '', {
        scriptSynonyms: [['refund', 'money back']],
      });
      const withSynonyms = await catalogFor(first.db, agent);
      expect(withSynonyms.catalog.synonyms).toEqual([['refund', 'money back']]);
      expect(withSynonyms.etag).not.toBe(retired.etag);
    });
  });
}
