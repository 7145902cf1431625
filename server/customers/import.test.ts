import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerImportReport } from '../../lib/schema/api';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from '../testing';
import { MAX_LINE_CHARS } from './import.rows';

const skipPostgres = await postgresUnavailableReason();
const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/csv/${name}`, import.meta.url));

for (const kind of DATABASE_KINDS) {
  describe.skipIf(kind === 'postgres' && skipPostgres)(`customer CSV import on ${kind}`, () => {
    let t: TestApp;
    let admin: string;
    beforeAll(async () => {
      t = await createTestApp(kind, { customerImportLimitBytes: 2 * 1024 * 1024 });
      admin = await tokenForUser(t.database.db, 'admin@acme.test');
    });
    afterAll(async () => {
      await t?.close();
    });
    const upload = (body: BodyInit, query = '', type = 'text/csv; charset=utf-8', token = admin) =>
      t.app.request(`/api/v1/customers/import${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': type },
        body,
      });
    const count = async (prefix: string) =>
      Number(
        (
          await t.database.db
            .selectFrom('customers')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('id', 'like', `${prefix}%`)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const lookup = async (email: string) =>
      (await (
        await t.app.request(`/api/v1/customers/lookup?email=${encodeURIComponent(email)}`, {
          headers: { authorization: `Bearer ${t.demo.agentToken}` },
        })
      ).json()) as { customer: Record<string, unknown>; tier: { id: string } };

    it('imports a real-world export: BOM, CRLF, quoted commas, Chinese names, header aliases, org fields', async () => {
      const response = await upload(fixture('customers-good.csv'));
      expect(response.status).toBe(200);
      const report = (await response.json()) as CustomerImportReport;
      expect(report).toMatchObject({ rows: 3, inserted: 3, updated: 0, applied: true, errorCount: 0 });
      expect(report.warnings.join()).toContain('Favourite colour');
      const grace = await lookup('grace@example.net');
      expect(grace.customer).toMatchObject({
        lifetimeValue: 12_500,
        ordersLast90Days: 4,
        tags: ['vip', 'enterprise'],
        org: { plan: 'enterprise' },
      });
      expect(grace.tier.id).toBe('vip');
      expect((await lookup('lilei@example.net')).customer.name).toBe('李雷');
      expect((await lookup('alan@example.net')).customer).toMatchObject({
        name: 'Turing, Alan',
        tags: ['partner', 'beta'],
      });
      // Importing again updates instead of duplicating.
      const again = (await (await upload(fixture('customers-good.csv'))).json()) as CustomerImportReport;
      expect(again).toMatchObject({ inserted: 0, updated: 3 });
    });

    it('names every bad line and field, and applies nothing from a bad file', async () => {
      const response = await upload(fixture('customers-bad.csv'));
      expect(response.status).toBe(422);
      const report = (await response.json()) as CustomerImportReport;
      expect(report).toMatchObject({ rows: 7, applied: false, inserted: 0 });
      const problems = report.errors.map((e) => `${e.line}:${e.field}`);
      expect(problems).toEqual(['3:email', '4:id', '5:lifetimeValue', '6:lastCsat', '7:id', '8:(row)']);
      expect(report.errors.find((e) => e.line === 7)?.message).toContain('already on line 2');
      expect(await count('cust-20')).toBe(0);
    });

    it('applies the good lines with skipBadRows, and checks only with dryRun', async () => {
      const dry = (await (
        await upload(fixture('customers-bad.csv'), '?dryRun=true&skipBadRows=true')
      ).json()) as CustomerImportReport;
      expect(dry).toMatchObject({ applied: false, dryRun: true, inserted: 1 });
      expect(await count('cust-20')).toBe(0);
      const skipping = await upload(fixture('customers-bad.csv'), '?skipBadRows=true');
      expect(skipping.status).toBe(200);
      expect(await skipping.json()).toMatchObject({ applied: true, inserted: 1, skipped: 6 });
      expect(await count('cust-20')).toBe(1);
    });

    it('rolls back everything when the only bad line is the last of a large file', async () => {
      const lines = ['id,email,lifetime_value'];
      for (let i = 0; i < 5000; i++) lines.push(`big-${i},big${i}@example.com,${i}`);
      lines.push('big-last,not-an-email,1');
      const report = (await (await upload(lines.join('\n'))).json()) as CustomerImportReport;
      expect(report).toMatchObject({ rows: 5001, applied: false, errorCount: 1 });
      expect(report.errors[0]).toMatchObject({ line: 5002, field: 'email' });
      expect(await count('big-')).toBe(0);
    });

    it('lists the first 100 problems by line and counts them all, however many lines are bad', async () => {
      const lines = ['id,email'];
      for (let i = 0; i < 100; i++) lines.push(`cap-${i},cap${i}@example.com`);
      // Lines 102–151 repeat customers of the same chunk; lines 152–1151 have bad emails.
      for (let i = 0; i < 50; i++) lines.push(`cap-${i},cap${i}@example.com`);
      for (let i = 0; i < 1000; i++) lines.push(`cap-bad-${i},not-an-email`);
      const response = await upload(lines.join('\n'));
      expect(response.status).toBe(422);
      const report = (await response.json()) as CustomerImportReport;
      expect(report).toMatchObject({ rows: 1150, errorCount: 1050, applied: false });
      expect(report.errors).toHaveLength(100);
      expect(report.errors.map((e) => e.line)).toEqual(Array.from({ length: 100 }, (_, i) => 102 + i));
      expect(report.errors[0]).toMatchObject({ field: 'id', message: 'Customer cap-0 is already on line 2' });
      expect(report.errors[99]).toMatchObject({ line: 201, field: 'email' });
      expect(await count('cap-')).toBe(0);
    });

    it('refuses a line longer than a customer line can be, naming it', async () => {
      const response = await upload(`id,name\nlong-1,${'x'.repeat(MAX_LINE_CHARS + 10)}\n`);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message).toBe(
        `Line 2 is longer than ${MAX_LINE_CHARS} characters: is this a customer export?`,
      );
      expect(await count('long-')).toBe(0);
    });

    it('refuses what is not a usable CSV file, clearly', async () => {
      expect((await upload('id,email\n1,a@example.com', '', 'application/json')).status).toBe(415);
      const empty = await upload('');
      expect(empty.status).toBe(400);
      const noId = await upload('email,name\na@example.com,A\n');
      expect(((await noId.json()) as { error: { message: string } }).error.message).toContain('no "id" column');
      const broken = await upload('id,name\n1,"unclosed\n');
      expect(broken.status).toBe(400);
      expect(JSON.stringify(await broken.json())).toContain('not valid CSV');
      const headerOnly = (await (await upload('id,email\n')).json()) as CustomerImportReport;
      expect(headerOnly).toMatchObject({ rows: 0, applied: true });
      const lead = await tokenForUser(t.database.db, 'lee@acme.test');
      expect((await upload('id\nx\n', '', 'text/csv', lead)).status).toBe(403);
    });

    it('answers 413 above the import limit and stores nothing', async () => {
      const row = `${'x'.repeat(100)},a@example.com\n`;
      const big = `id,email\n${row.repeat(Math.ceil((2.5 * 1024 * 1024) / row.length))}`;
      expect((await upload(big)).status).toBe(413);
      expect(await count('x')).toBe(0);
    });
  });
}
