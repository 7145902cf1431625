import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogResponse } from '../../lib/schema/api';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from '../testing';

const skipPostgres = await postgresUnavailableReason();

const draft = {
  id: 'refund-delay',
  title: 'Refund delayed',
  body: 'Hi {{customer.first_name | there}},\nYour refund is on its way.\nRegards, {{agent.name}}',
  locale: 'en',
  scenario: 'refund',
  tags: ['refund'],
};

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`scripts API on ${kind}`, () => {
    let t: TestApp;
    let tara: string;
    let bo: string;
    beforeAll(async () => {
      t = await createTestApp(kind);
      tara = await tokenForUser(t.database.db, 'tara@acme.test');
      bo = await tokenForUser(t.database.db, 'bo@acme.test');
    });
    afterAll(async () => {
      await t?.close();
    });
    const call = (token: string, path: string, method = 'GET', body?: unknown) =>
      t.app.request(path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const catalog = async (token: string) => (await (await call(token, '/api/v1/catalog')).json()) as CatalogResponse;

    it('creates a draft, refusing unknown variables and teams by name', async () => {
      const typo = await call(tara, '/api/v1/scripts', 'POST', {
        script: { ...draft, body: 'Hi {{customer.frist_name}}' },
      });
      expect(typo.status).toBe(400);
      expect(JSON.stringify(await typo.json())).toContain('{{customer.frist_name}}');
      const team = await call(tara, '/api/v1/scripts', 'POST', { script: draft, teamIds: ['team_nope'] });
      expect(JSON.stringify(await team.json())).toContain('Unknown team team_nope');
      const created = await call(tara, '/api/v1/scripts', 'POST', { script: draft, teamIds: [t.demo.otherTeamId] });
      expect(created.status).toBe(201);
      expect(await created.json()).toMatchObject({ id: 'refund-delay', version: 1, status: 'draft' });
      expect((await call(tara, '/api/v1/scripts', 'POST', { script: draft })).status).toBe(409);
      // A draft reaches nobody.
      expect((await catalog(bo)).scripts.some((s) => s.id === 'refund-delay')).toBe(false);
    });

    it('stores each edit as a new version and refuses a stale edit', async () => {
      const { id: _id, ...rest } = draft;
      const edit = await call(tara, '/api/v1/scripts/refund-delay', 'PUT', {
        expectedVersion: 1,
        script: { ...rest, title: 'Refund on its way', body: `${draft.body}\nReference: {{ticket.id}}` },
      });
      expect(edit.status).toBe(201);
      expect(await edit.json()).toMatchObject({ version: 2, status: 'draft', script: { title: 'Refund on its way' } });
      const stale = await call(tara, '/api/v1/scripts/refund-delay', 'PUT', { expectedVersion: 1, script: rest });
      expect(stale.status).toBe(409);
      expect(JSON.stringify(await stale.json())).toContain('The newest version is 2');
      const versions = (await (await call(tara, '/api/v1/scripts/refund-delay/versions')).json()) as {
        versions: { version: number }[];
      };
      expect(versions.versions.map((v) => v.version)).toEqual([2, 1]);
      const v1 = (await (await call(tara, '/api/v1/scripts/refund-delay?version=1')).json()) as {
        script: { title: string };
      };
      expect(v1.script.title).toBe('Refund delayed');
    });

    it('diffs two versions field by field and line by line', async () => {
      const diff = (await (await call(tara, '/api/v1/scripts/refund-delay/diff?from=1&to=2')).json()) as {
        fields: { field: string; from: unknown; to: unknown }[];
        body: { change: string; text: string }[];
      };
      expect(diff.fields).toEqual([{ field: 'title', from: 'Refund delayed', to: 'Refund on its way' }]);
      expect(diff.body.filter((l) => l.change !== 'same')).toEqual([
        { change: 'added', text: 'Reference: {{ticket.id}}' },
      ]);
      expect(diff.body.filter((l) => l.change === 'same').map((l) => l.text)).toEqual(draft.body.split('\n'));
      expect((await call(tara, '/api/v1/scripts/refund-delay/diff?from=1&to=9')).status).toBe(404);
    });

    it('publishes a version to chosen teams: the catalog changes for them only, and retiring removes it', async () => {
      const ada = t.demo.agentToken;
      const before = await catalog(bo);
      const adaBefore = await catalog(ada);
      const published = await call(tara, '/api/v1/scripts/refund-delay/publish', 'POST', { version: 2 });
      expect(published.status).toBe(200);
      const after = await catalog(bo);
      expect(after.version).not.toBe(before.version);
      expect(after.scripts.find((s) => s.id === 'refund-delay')).toMatchObject({
        version: 2,
        title: 'Refund on its way',
      });
      // Published to Tier 2 only: Ada (Tier 1) sees no change at all.
      expect((await catalog(ada)).version).toBe(adaBefore.version);
      // Publishing version 1 again makes it the one served, and version 2 goes back into history.
      await call(tara, '/api/v1/scripts/refund-delay/publish', 'POST', { version: 1, teamIds: [] });
      expect((await catalog(ada)).scripts.find((s) => s.id === 'refund-delay')?.version).toBe(1);
      const retired = await call(tara, '/api/v1/scripts/refund-delay/retire', 'POST');
      expect(retired.status).toBe(200);
      expect((await catalog(ada)).scripts.some((s) => s.id === 'refund-delay')).toBe(false);
      expect((await catalog(bo)).scripts.some((s) => s.id === 'refund-delay')).toBe(false);
    });

    it('takes a Traditional version of a Simplified script, refusing one that names no Simplified script', async () => {
      const traditional = {
        id: 'greeting-zh-tw',
        title: '問候',
        body: '{{customer.name | 您}}好，感謝您與我們聯絡。',
        locale: 'zh_TW',
        scenario: 'greeting',
      };
      const orphan = await call(tara, '/api/v1/scripts', 'POST', { script: { ...traditional, variantOf: 'nope' } });
      expect(orphan.status).toBe(400);
      expect(JSON.stringify(await orphan.json())).toContain('No script nope to be a variant of');
      const english = await call(tara, '/api/v1/scripts', 'POST', {
        script: { ...traditional, variantOf: 'greeting-en' },
      });
      expect(JSON.stringify(await english.json())).toContain('Script greeting-en is in en');
      // What a trainer sends as a reading copy is not theirs to set: the server makes it.
      const created = await call(tara, '/api/v1/scripts', 'POST', {
        script: { ...traditional, variantOf: 'greeting-zh', readingCopy: { locale: 'zh_TW', title: 'x', body: 'x' } },
      });
      expect(created.status).toBe(201);
      expect((await created.json()).script.readingCopy).toBeUndefined();
      const list = (await (await call(tara, '/api/v1/scripts?locale=zh_TW')).json()) as { scripts: { id: string }[] };
      expect(list.scripts.map((s) => s.id)).toContain('greeting-zh-tw');
    });

    it('serves Simplified scripts with a Traditional reading copy, unless a Traditional version is published', async () => {
      const before = await catalog(bo);
      const greeting = before.scripts.find((s) => s.id === 'greeting-zh');
      expect(greeting?.readingCopy).toMatchObject({ locale: 'zh_TW', title: '問候' });
      expect(greeting?.readingCopy?.body).toContain('感謝');
      expect(before.scripts.every((s) => s.locale === 'zh_CN' || !s.readingCopy)).toBe(true);
      await call(tara, '/api/v1/scripts/greeting-zh-tw/publish', 'POST', { version: 1 });
      const after = await catalog(bo);
      expect(after.scripts.find((s) => s.id === 'greeting-zh-tw')).toMatchObject({ variantOf: 'greeting-zh' });
      expect(after.scripts.find((s) => s.id === 'greeting-zh')?.readingCopy).toBeUndefined();
      await call(tara, '/api/v1/scripts/greeting-zh-tw/retire', 'POST');
    });

    it('lists and filters scripts, and audits every change with its version', async () => {
      const list = (await (await call(tara, '/api/v1/scripts?locale=zh_CN')).json()) as {
        scripts: { locale: string }[];
      };
      expect(list.scripts.length).toBeGreaterThan(0);
      expect(list.scripts.every((s) => s.locale === 'zh_CN')).toBe(true);
      const found = (await (await call(tara, '/api/v1/scripts?q=refund%20is%20on')).json()) as {
        scripts: { id: string }[];
      };
      expect(found.scripts.map((s) => s.id)).toEqual(['refund-delay']);
      // A trainer in Taipei searching in Traditional finds the Simplified scripts, and the other way round.
      const ids = async (q: string) =>
        (
          (await (await call(tara, `/api/v1/scripts?q=${encodeURIComponent(q)}`)).json()) as {
            scripts: { id: string }[];
          }
        ).scripts.map((s) => s.id);
      const simplified = await ids('发票');
      expect(simplified.length).toBeGreaterThan(0);
      expect(await ids('發票')).toEqual(simplified);
      const audit = await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'details', 'actor_id'])
        .where('target_id', '=', 'refund-delay')
        .orderBy('at')
        .execute();
      expect(audit.map((a) => a.action)).toEqual([
        'script.create',
        'script.edit',
        'script.publish',
        'script.publish',
        'script.retire',
      ]);
      expect(audit.every((a) => a.actor_id === 'user_demo_tara')).toBe(true);
      expect(JSON.parse(audit[2]?.details ?? '{}')).toMatchObject({ version: 2 });
    });
  });
}
