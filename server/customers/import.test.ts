import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerImportProgress, CustomerImportReport } from '../../lib/schema/api';
import { createTestApp, type TestApp } from '../test-app';
import { DATABASE_KINDS, postgresUnavailableReason, tokenForUser } from '../testing';
import { MAX_LINE_CHARS, READ_CHUNK_BYTES } from './import.rows';

const skipPostgres = await postgresUnavailableReason();
const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/csv/${name}`, import.meta.url));

/** The text as Excel's plain "CSV" saves it on a Western Windows: Windows-1252, one byte a character (é is E9). */
const windows1252 = (text: string) => Buffer.from(text, 'latin1');

/** `text` followed by filler customers (ids `${prefix}-…`) until it is exactly `size` bytes long. */
function padTo(text: string, size: number, prefix: string): string {
  let padded = text;
  let length = Buffer.byteLength(text);
  for (let n = 0; size - length > 200; n++) {
    const line = `${prefix}-${n},Filler\n`;
    padded += line;
    length += line.length;
  }
  const last = `${prefix}-last,`;
  return `${padded}${last}${'x'.repeat(size - length - last.length - 1)}\n`;
}

/** How many whole lines `text` holds: the line that follows it is number linesIn(text) + 1. */
const linesIn = (text: string) => text.split('\n').length - 1;

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
    const upload = (body: BodyInit, query = '', type = 'text/csv; charset=utf-8', token = admin, prefer?: string) =>
      t.app.request(`/api/v1/customers/import${query}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': type, ...(prefer ? { prefer } : {}) },
        body,
      });
    const fileError = async (response: Response) => {
      expect(response.status).toBe(400);
      const { error } = (await response.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('invalid_file');
      return error.message;
    };
    const profileOf = async (id: string) => {
      const row = await t.database.db
        .selectFrom('customers')
        .select('profile')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return JSON.parse(row.profile) as Record<string, unknown>;
    };
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

    it('refuses a Windows-1252 file as a whole, naming the first bad line and how to save it as UTF-8', async () => {
      // Line 2 is good; applying it while refusing line 3 would half-import the file.
      const file = windows1252('id,email,name\natk-1,atk1@example.com,Ann\natk-3,atk3@example.com,José Müller\n');
      for (const query of ['', '?skipBadRows=true', '?dryRun=true']) {
        const message = await fileError(await upload(file, query));
        expect(message).toContain('not UTF-8: line 3 ');
        expect(message).toContain('Save it as UTF-8');
        expect(message).toContain('"CSV UTF-8 (comma delimited)"');
      }
      // A character cut short at the end of the file.
      const cut = Buffer.concat([Buffer.from('id,name\natk-4,Jos'), Buffer.from([0xc3])]);
      expect(await fileError(await upload(cut))).toContain('line 2 ');
      expect(await count('atk-')).toBe(0);
    });

    it('refuses a non-UTF-8 file the same way when answering at once (Prefer: respond-async)', async () => {
      const file = windows1252('id,email,name\natk-5,atk5@example.com,José Müller\n');
      const accepted = await upload(file, '', 'text/csv', admin, 'respond-async');
      expect(accepted.status).toBe(202);
      const events = await (
        await t.app.request(`${accepted.headers.get('location')}/events`, {
          headers: { authorization: `Bearer ${admin}` },
        })
      ).text();
      const end = JSON.parse(/event: end\ndata: (.*)/.exec(events)?.[1] ?? 'null') as CustomerImportProgress;
      expect(end).toMatchObject({ status: 'failed', rowsApplied: 0, report: null });
      expect(end.error).toContain('not UTF-8: line 2 ');
      expect(await count('atk-')).toBe(0);
    });

    it('names a UTF-16 file as UTF-16, with a byte-order mark either way or without one', async () => {
      const text = 'id,email,name\nu16-1,u16@example.com,Ann\n';
      const little = Buffer.from(`\ufeff${text}`, 'utf16le');
      const big = Buffer.from(little).swap16();
      const unmarked = Buffer.from(text, 'utf16le');
      for (const file of [little, big, unmarked]) {
        const message = await fileError(await upload(file));
        expect(message).toContain('The file is UTF-16 text');
        expect(message).toContain('"CSV UTF-8 (comma delimited)"');
      }
      expect(await count('u16-')).toBe(0);
    });

    it('reads characters split between two chunks of the file whole', async () => {
      // Each character starts `before` bytes ahead of a chunk boundary: every way a 2-, 3- or 4-byte one can split.
      const splits = [
        { char: 'é', before: 1 },
        { char: '李', before: 1 },
        { char: '雷', before: 2 },
        { char: '😀', before: 1 },
        { char: '😀', before: 2 },
        { char: '😀', before: 3 },
      ];
      let text = 'id,name\n';
      for (const [k, { char, before }] of splits.entries()) {
        const start = `split-${k},`;
        text = padTo(text, (k + 1) * READ_CHUNK_BYTES - before - start.length, `fill-${k}`);
        text += `${start}${char}\n`;
      }
      const file = Buffer.from(text);
      for (const [k, { char, before }] of splits.entries()) {
        const at = (k + 1) * READ_CHUNK_BYTES - before;
        expect(file.subarray(at, at + Buffer.byteLength(char)).toString()).toBe(char);
      }
      const response = await upload(file);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ applied: true, errorCount: 0, rows: linesIn(text) - 1 });
      for (const [k, { char }] of splits.entries()) expect((await profileOf(`split-${k}`)).name).toBe(char);
    });

    it('names the right line when a bad byte ends one chunk and its line ends in the next', async () => {
      const bad = 'edge-bad,edge@example.com,Jos';
      const head = padTo('id,email,name\n', READ_CHUNK_BYTES - bad.length - 1, 'edge');
      const file = Buffer.concat([
        Buffer.from(head + bad),
        Buffer.from([0xe9]),
        Buffer.from('\nedge-after,after@example.com,After\n'),
      ]);
      expect(file[READ_CHUNK_BYTES - 1]).toBe(0xe9);
      expect(await fileError(await upload(file))).toContain(`line ${linesIn(head) + 1} `);
      expect(await count('edge-')).toBe(0);
    });

    it('reads only the decimal forms the docs list as numbers, and names the field of any other', async () => {
      const bad = ['0x10', '0b11', '0o7', '1e3', 'Infinity', '-Infinity', 'NaN', '+5', '1_000', '.5', '5.'];
      bad.push('12,50', '1,2345', '1.5,000', '12,500 000', '9'.repeat(400));
      const lines = ['id,lifetime_value,orders_last_90_days'];
      for (const [i, value] of bad.entries()) lines.push(`num-ltv-${i},"${value}",1`, `num-orders-${i},1,"${value}"`);
      const response = await upload(lines.join('\n'));
      expect(response.status).toBe(422);
      const report = (await response.json()) as CustomerImportReport;
      expect(report).toMatchObject({ errorCount: bad.length * 2, applied: false });
      expect(report.errors.map((e) => [e.line, e.field, e.message])).toEqual(
        bad.flatMap((value, i) => {
          const message = `"${value.slice(0, 40)}" is not a number (write it like 12500, 12,500 or 1250.50)`;
          return [
            [2 * i + 2, 'lifetimeValue', message],
            [2 * i + 3, 'ordersLast90Days', message],
          ];
        }),
      );
      expect(await count('num-')).toBe(0);

      const good: [string, number][] = [
        ['12,500', 12_500],
        ['12 500', 12_500],
        ['12\u00a0500', 12_500],
        ['12\u202f500', 12_500],
        ['1,234,567.89', 1_234_567.89],
        ['1250.50', 1250.5],
        ['007', 7],
        ['0', 0],
      ];
      const goodLines = ['id,lifetime_value,orders_last_90_days'];
      for (const [i, [value]] of good.entries()) goodLines.push(`num-good-${i},"${value}","1,200"`);
      const applied = await upload(goodLines.join('\n'));
      expect(applied.status).toBe(200);
      expect(await applied.json()).toMatchObject({ applied: true, errorCount: 0, inserted: good.length });
      for (const [i, [, number]] of good.entries())
        expect(await profileOf(`num-good-${i}`)).toMatchObject({ lifetimeValue: number, ordersLast90Days: 1200 });
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
