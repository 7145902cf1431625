import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { generatePolicies, SAMPLE_POLICY_DIR, SAMPLE_POLICY_REQUEST } from '../lib/policy';

/**
 * Writes the documented policy samples (docs/admin/policies/) from the one generator the console's rollout page
 * uses, so what the guide shows is what admins download. `npm run policy:samples`; lib/policy/samples.test.ts fails
 * when the folder and the generator disagree.
 */
const root = resolve(import.meta.dirname, '..');
const result = generatePolicies(SAMPLE_POLICY_REQUEST);
if (!result.ok) {
  throw new Error(result.issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n'));
}
const dir = join(root, SAMPLE_POLICY_DIR);
await mkdir(dir, { recursive: true });
for (const file of result.files) {
  await writeFile(join(dir, file.name), file.content);
  console.log(`${SAMPLE_POLICY_DIR}/${file.name}`);
}
// The repository's formatter owns JSON layout; the test compares JSON by value for that reason.
execFileSync(
  'npx',
  ['biome', 'format', '--write', ...result.files.filter((f) => f.format === 'json').map((f) => join(dir, f.name))],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
