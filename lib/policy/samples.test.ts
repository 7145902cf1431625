import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePolicies, SAMPLE_POLICY_DIR, SAMPLE_POLICY_REQUEST } from '.';

/** The documented samples are the generator's output: `npm run policy:samples` after changing either. */
describe('docs/admin/policies', () => {
  const result = generatePolicies(SAMPLE_POLICY_REQUEST);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));

  it('holds exactly the generated files', () => {
    expect(readdirSync(SAMPLE_POLICY_DIR).sort()).toEqual(result.files.map((f) => f.name).sort());
  });

  it.each(result.files.map((f) => [f.name, f] as const))('%s is what the generator writes', (name, file) => {
    const onDisk = readFileSync(join(SAMPLE_POLICY_DIR, name), 'utf8');
    // JSON layout belongs to the repository's formatter; the content must match value for value.
    if (file.format === 'json') expect(JSON.parse(onDisk)).toEqual(JSON.parse(file.content));
    else expect(onDisk).toBe(file.content);
  });
});
