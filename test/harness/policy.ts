import { readFileSync } from 'node:fs';
import { access, constants, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ROOT } from './paths';

export const CHROMIUM_POLICY_FILE = '/etc/chromium/policies/managed/desklens-e2e.json';
export const FIREFOX_POLICY_FILE = '/etc/firefox/policies/policies.json';

/** Why machine-wide policy tests cannot run here, or undefined when they can (root, writable /etc). */
export async function policyUnavailableReason(file: string): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return `writing ${file} needs root`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await access(dirname(file), constants.W_OK);
    return undefined;
  } catch (error) {
    return `cannot write ${dirname(file)}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** The documented sample (docs/admin/policies/), so the tests prove the file admins copy. */
export function samplePolicy(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(resolve(ROOT, 'docs/admin/policies', name), 'utf8')) as Record<string, unknown>;
}

/** Write a policy file (world-readable, root-owned, as browsers require) and give back its remover. */
export async function installPolicy(file: string, policy: unknown): Promise<() => Promise<void>> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(policy, null, 2), { mode: 0o644 });
  return () => rm(file, { force: true });
}
