import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from './testing';

const skipPostgres = await postgresUnavailableReason();

interface Page {
  next: string | null;
  [items: string]: unknown;
}

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`list pages on ${kind}`, () => {
    let t: TestApp;
    let admin: string;
    beforeAll(async () => {
      t = await createTestApp(kind);
      admin = await tokenForUser(t.database.db, 'admin@acme.test');
    });
    afterAll(async () => {
      await t?.close();
    });

    const call = async (path: string, method = 'GET', body?: unknown) =>
      t.app.request(path, {
        method,
        headers: { authorization: `Bearer ${admin}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const created = async (path: string, body: unknown) => {
      const response = await call(path, 'POST', body);
      expect(response.status, await response.clone().text()).toBe(201);
      return (await response.json()) as { id: string };
    };

    /** Every item of a list, page by page, checking each page's size and that no page repeats an item. */
    async function everyPage(path: string, key: string, limit: number): Promise<unknown[]> {
      const items: unknown[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 100; pages++) {
        const sep = path.includes('?') ? '&' : '?';
        const response = await call(`${path}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(response.status, await response.clone().text()).toBe(200);
        const page = (await response.json()) as Page;
        const pageItems = page[key] as unknown[];
        expect(pageItems.length).toBeLessThanOrEqual(limit);
        if (page.next) expect(pageItems.length).toBe(limit);
        items.push(...pageItems);
        if (!page.next) return items;
        cursor = page.next;
      }
      throw new Error(`${path} never reached its last page`);
    }

    it('pages users, teams, team members and tokens in their order, each item once', async () => {
      for (let i = 0; i < 7; i++) {
        const team = await created('/api/v1/teams', { name: `Queue ${i % 3}`, slug: `queue-${i}` });
        const user = await created('/api/v1/users', {
          email: `pager${i}@acme.test`,
          name: `Pager ${i % 2}`,
          role: 'agent',
          teamId: team.id,
        });
        await created('/api/v1/tokens', { kind: 'agent', userId: user.id, label: `browser ${i}` });
      }
      const users = (await everyPage('/api/v1/users', 'users', 3)) as { id: string; name: string }[];
      const allUsers = await t.database.db.selectFrom('users').select(['id', 'name']).execute();
      expect(users.map((u) => u.id).sort()).toEqual(allUsers.map((u) => u.id).sort());
      const byName = [...users].sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1));
      expect(users).toEqual(byName);

      const teams = (await everyPage('/api/v1/teams', 'teams', 2)) as { id: string }[];
      expect(teams).toHaveLength(9);
      expect(new Set(teams.map((team) => team.id)).size).toBe(9);

      const tokens = (await everyPage('/api/v1/tokens', 'tokens', 4)) as { id: string; createdAt: string }[];
      const storedTokens = await t.database.db.selectFrom('api_tokens').select('id').execute();
      expect(tokens.map((token) => token.id).sort()).toEqual(storedTokens.map((token) => token.id).sort());
      const times = tokens.map((token) => token.createdAt);
      expect(times).toEqual([...times].sort().reverse());

      const members = (await everyPage(`/api/v1/teams/${t.demo.teamId}/members`, 'users', 1)) as { id: string }[];
      const stored = await t.database.db
        .selectFrom('users')
        .select('id')
        .where('team_id', '=', t.demo.teamId)
        .execute();
      expect(members.map((m) => m.id).sort()).toEqual(stored.map((m) => m.id).sort());
    });

    it('keeps its place when items are added before it while someone pages through', async () => {
      const first = (await (await call('/api/v1/users?limit=2')).json()) as Page & { users: { id: string }[] };
      // "Aaron" sorts before everything already listed; an offset would now show the second page's first user again.
      await created('/api/v1/users', { email: 'aaron@acme.test', name: 'Aaron Early', role: 'agent' });
      const rest = (await (await call(`/api/v1/users?limit=500&cursor=${first.next}`)).json()) as {
        users: { id: string; name: string }[];
      };
      const seen = [...first.users, ...rest.users].map((u) => u.id);
      expect(new Set(seen).size).toBe(seen.length);
      expect(rest.users.some((u) => u.name === 'Aaron Early')).toBe(false);
    });

    it('pages scripts with their filters applied before the page is cut, and script versions', async () => {
      const tara = await tokenForUser(t.database.db, 'tara@acme.test');
      const asTrainer = (path: string, method: string, body: unknown) =>
        t.app.request(path, {
          method,
          headers: { authorization: `Bearer ${tara}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      for (let i = 0; i < 9; i++) {
        const script = {
          id: `paged-${i}`,
          title: `Paged ${i}`,
          body: i % 3 === 0 ? 'Your parcel is delayed, sorry.' : 'Thanks for writing.',
          locale: 'en',
          scenario: i % 2 === 0 ? 'shipping' : 'greeting',
          tags: [],
        };
        expect((await asTrainer('/api/v1/scripts', 'POST', { script })).status).toBe(201);
      }
      for (let version = 1; version < 5; version++) {
        const { id: _id, ...rest } = { id: 'paged-0', title: `Paged 0 v${version + 1}`, body: 'Hi.', locale: 'en' };
        const edit = await asTrainer('/api/v1/scripts/paged-0', 'PUT', {
          expectedVersion: version,
          script: { ...rest, scenario: 'shipping', tags: [] },
        });
        expect(edit.status).toBe(201);
      }
      const all = (await everyPage('/api/v1/scripts', 'scripts', 4)) as { id: string; version: number }[];
      const ids = all.map((s) => s.id);
      expect(ids).toEqual([...ids].sort());
      expect(new Set(ids).size).toBe(ids.length);
      expect(all.find((s) => s.id === 'paged-0')?.version).toBe(5);

      // Text and scenario filters read inside the stored script: pages are full of matches, not cut before filtering.
      const delayed = (await everyPage('/api/v1/scripts?q=parcel%20is%20delayed', 'scripts', 1)) as { id: string }[];
      expect(delayed.map((s) => s.id)).toEqual(['paged-3', 'paged-6']);
      const shipping = (await everyPage('/api/v1/scripts?scenario=shipping', 'scripts', 2)) as { id: string }[];
      expect(shipping.filter((s) => s.id.startsWith('paged-')).map((s) => s.id)).toEqual([
        'paged-0',
        'paged-2',
        'paged-4',
        'paged-6',
        'paged-8',
      ]);

      const versions = (await everyPage('/api/v1/scripts/paged-0/versions', 'versions', 2)) as { version: number }[];
      expect(versions.map((v) => v.version)).toEqual([5, 4, 3, 2, 1]);
    });

    it('pages the audit log newest first', async () => {
      const entries = (await everyPage('/api/v1/audit', 'entries', 5)) as { id: string; at: string }[];
      const stored = await t.database.db.selectFrom('audit_log').select('id').execute();
      expect(entries.map((e) => e.id).sort()).toEqual(stored.map((e) => e.id).sort());
      const times = entries.map((e) => e.at);
      expect(times).toEqual([...times].sort().reverse());
    });

    it('names the cursor when it was not handed out by that list, and the limit when out of range', async () => {
      const usersPage = (await (await call('/api/v1/users?limit=1')).json()) as Page;
      for (const cursor of ['not-a-cursor', usersPage.next?.slice(0, -3), usersPage.next]) {
        const response = await call(`/api/v1/tokens?cursor=${cursor}`);
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({
          error: { code: 'invalid_request', issues: [{ path: 'cursor' }] },
        });
      }
      // Cursors of the right shape, edited: a value of another type, a NUL (an error in PostgreSQL's text), a date
      // that is none, a lone surrogate. Each is a 400 naming the cursor on both databases, never a page or a 500.
      const forged = (k: string[], v: unknown[]) => Buffer.from(JSON.stringify({ k, v })).toString('base64url');
      for (const [path, cursor] of [
        ['/api/v1/users', forged(['name', 'id'], [1, 2])],
        ['/api/v1/tokens', forged(['created_at', 'id'], ['\u0000', 'x'])],
        ['/api/v1/tokens', forged(['created_at', 'id'], ["' OR 1=1 --", 'x'])],
        ['/api/v1/audit', forged(['at', 'id'], ['2026-12-02T08:28:32.856Z', 1e308])],
        ['/api/v1/users', forged(['name', 'id'], ['Ada', 'user_\ud800'])],
      ] as const) {
        const response = await call(`${path}?limit=2&cursor=${cursor}`);
        expect(response.status, `${path} ${cursor}`).toBe(400);
        expect(await response.json()).toMatchObject({ error: { issues: [{ path: 'cursor' }] } });
      }
      const tooMany = await call('/api/v1/teams?limit=501');
      expect(tooMany.status).toBe(400);
      expect(await tooMany.json()).toMatchObject({ error: { issues: [{ path: 'limit' }] } });
    });
  });
}

/**
 * GET routes whose answers hold arrays but are not lists of a resource, with the reason each needs no pages. Any
 * other GET route with an array in its answer is a list and must take `limit` and `cursor` and answer `next`.
 */
const NOT_LISTS: Record<string, string> = {
  '/api/v1/catalog': 'the whole catalog of one team, versioned by its ETag: the extension needs all of it at once',
  '/api/v1/config': 'one configuration',
  '/api/v1/customers/lookup': 'one customer and the rules that placed them',
  '/api/v1/customers/for-rules': 'one customer, for the rules tester (the same answer as the lookup)',
  '/api/v1/fleet':
    'a health summary: browsers most recently seen first, at most 500, and the selectors that stopped matching',
  '/api/v1/stats/satisfaction': 'figures, one group per agent, team, tier or period of a bounded range',
  '/api/v1/stats/service': 'figures, one group per agent, team, tier or period of a bounded range',
  '/api/v1/stats/scripts': 'figures per script version',
  '/api/v1/me': 'one user',
  '/api/v1/scripts/{id}': 'one script',
  '/api/v1/scripts/{id}/diff': 'one comparison',
  '/api/v1/script-priors': 'figures per script (what the ranking learned), with the learning switch',
  '/api/v1/identity/settings': 'one settings object (its allowed modes are a short fixed list)',
  '/api/v1/stats/ranking': 'figures, one row per team and per agent in scope, like the other stats',
  '/api/v1/alert-rules': 'an organisation’s alert rules, at most 200 (creating one more is refused)',
  '/api/v1/live/scores':
    'the live stream’s polling fallback: a feed read from its own `after` position, `limit` at a time',
};

describe('every list route', () => {
  it('takes limit and cursor and answers next, in the one page shape', async () => {
    const t = await createTestApp('sqlite');
    try {
      // biome-ignore lint/suspicious/noExplicitAny: why: walking a JSON document whose shape OpenAPI defines.
      const doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as any;
      // biome-ignore lint/suspicious/noExplicitAny: why: as above.
      const resolve = (schema: any): any =>
        schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;
      const unpaged: string[] = [];
      let lists = 0;
      for (const [path, operations] of Object.entries<Record<string, unknown>>(doc.paths)) {
        // biome-ignore lint/suspicious/noExplicitAny: why: as above.
        const get = operations.get as any;
        if (!get || path in NOT_LISTS) continue;
        const answer = resolve(get.responses?.['200']?.content?.['application/json']?.schema);
        const properties = Object.entries<unknown>(answer?.properties ?? {});
        const items = properties.filter(([, schema]) => resolve(schema)?.type === 'array');
        if (items.length === 0) continue;
        lists += 1;
        const params = new Set((get.parameters ?? []).map((p: { name: string }) => p.name));
        const shaped = items.length === 1 && properties.length === 2 && 'next' in answer.properties;
        if (!params.has('limit') || !params.has('cursor') || !shaped) unpaged.push(path);
      }
      expect(unpaged, JSON.stringify(unpaged)).toEqual([]);
      expect(lists).toBeGreaterThanOrEqual(7);
    } finally {
      await t.close();
    }
  });
});
