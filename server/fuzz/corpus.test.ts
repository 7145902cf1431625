import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAttacks } from './corpus';

describe('reading an attack corpus written by someone else', () => {
  const dir = mkdtempSync(join(tmpdir(), 'desklens-attacks-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes lists of strings, objects with a payload or a body, word lists and raw files', () => {
    mkdirSync(join(dir, 'sql'));
    writeFileSync(join(dir, 'strings.json'), JSON.stringify(["' OR 1=1 --", '<img src=x onerror=alert(1)>']));
    writeFileSync(
      join(dir, 'sql', 'cases.json'),
      JSON.stringify({
        cases: [
          { name: 'union', payload: '1 UNION SELECT password FROM users' },
          { id: 'raw-body', body: { events: null }, contentType: 'application/json' },
          { description: 'several', payloads: ['a', 'b'] },
        ],
      }),
    );
    writeFileSync(join(dir, 'words.txt'), '# comment\n../../etc/passwd\n\n%00\n');
    writeFileSync(join(dir, 'broken.json'), '{"not": json');
    writeFileSync(join(dir, 'rows.csv'), 'id\n=1+1\n');
    writeFileSync(join(dir, 'README.md'), 'About this corpus');
    const attacks = loadAttacks(dir);
    const payloads = attacks.filter((a) => a.payload !== undefined).map((a) => a.payload);
    expect(payloads).toEqual(
      expect.arrayContaining(["' OR 1=1 --", '<img src=x onerror=alert(1)>', '1 UNION SELECT password FROM users']),
    );
    expect(payloads).toEqual(expect.arrayContaining(['../../etc/passwd', '%00', 'a', 'b']));
    const raw = attacks.filter((a) => a.raw).map((a) => [a.source, a.raw?.toString(), a.contentType]);
    expect(raw).toEqual(
      expect.arrayContaining([
        ['sql/cases.json:cases#1 (raw-body)', '{"events":null}', 'application/json'],
        ['broken.json', '{"not": json', 'application/json'],
        ['rows.csv', 'id\n=1+1\n', 'text/csv'],
      ]),
    );
    expect(attacks.some((a) => a.source.startsWith('README'))).toBe(false);
  });

  it('is empty when there is no corpus yet', () => {
    expect(loadAttacks(join(dir, 'missing'))).toEqual([]);
  });
});
