import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../lib/background/config';
import { ManagedPolicy } from '../../lib/schema/config';

const root = resolve(import.meta.dirname, '../..');
const samples = join(root, 'docs/admin/policies');
const schema = JSON.parse(readFileSync(join(root, 'public/managed_schema.json'), 'utf8')) as {
  properties: Record<string, { enum?: string[] }>;
};

/** The policy samples admins copy, against the schema browsers enforce and the one DeskLens parses with. */
describe('enterprise policy samples', () => {
  it('the browser’s managed schema and DeskLens’s own name the same keys, with the same identity modes', () => {
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(ManagedPolicy.shape).sort());
    expect(schema.properties.identity?.enum).toEqual(['sso', 'password', 'approval']);
  });

  it('every sample sets the server, the team’s enrollment token and the identity mode', () => {
    const files = readdirSync(samples);
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const text = readFileSync(join(samples, file), 'utf8');
      for (const key of ['backendUrl', 'enrollmentToken', 'identity'])
        expect(text, `${file} names ${key}`).toMatch(new RegExp(`["<>]${key}["<]`));
      expect(text, `${file} sets a valid identity mode`).toMatch(
        /identity["<>=:\s/key]+(<string>)?"?(sso|password|approval)/,
      );
    }
  });

  it('the JSON samples parse without a single rejected value', () => {
    const chromium = JSON.parse(readFileSync(join(samples, 'chromium-linux.json'), 'utf8'));
    const firefox = JSON.parse(readFileSync(join(samples, 'firefox-policies.json'), 'utf8'));
    for (const policy of [
      Object.values(chromium['3rdparty'].extensions)[0],
      Object.values(firefox.policies['3rdparty'].Extensions)[0],
    ])
      expect(parsePolicy(policy).errors).toEqual([]);
  });
});
