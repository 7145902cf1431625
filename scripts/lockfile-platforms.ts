import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Some registries (including the mirror our machines use) lack the other platforms' binaries of packages
 * such as @biomejs/biome. `npm install` then leaves those optional packages out of package-lock.json, and
 * `npm ci` refuses the lockfile as "out of sync". This records each missing optional platform package with
 * its os/cpu constraints (copied from the parent's declaration), so `npm ci` accepts the lockfile and, on
 * any other platform, skips or fetches them as usual. Idempotent; run it after `npm install` changes the lock.
 */
type LockEntry = {
  version?: string;
  optionalDependencies?: Record<string, string>;
  dev?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  license?: string;
};
const path = resolve(import.meta.dirname, '../package-lock.json');
const lock = JSON.parse(readFileSync(path, 'utf8')) as { packages: Record<string, LockEntry> };

/** Platform of a package like @biomejs/cli-darwin-arm64 or @biomejs/cli-linux-x64-musl, from its name. */
function platformOf(name: string): Pick<LockEntry, 'os' | 'cpu' | 'libc'> | undefined {
  const match = /-(android|darwin|linux|win32|freebsd)-(arm64|x64|ia32|arm)(-musl)?$/.exec(name);
  if (!match) return undefined;
  const [, os, cpu, musl] = match;
  return { os: [os as string], cpu: [cpu as string], ...(os === 'linux' ? { libc: [musl ? 'musl' : 'glibc'] } : {}) };
}

let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [dependency, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const target = `node_modules/${dependency}`;
    if (lock.packages[target]) continue;
    const platform = platformOf(dependency);
    if (!platform) continue;
    lock.packages[target] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform } as LockEntry;
    added++;
    console.log(
      `recorded ${dependency}@${version} (optional, ${platform.os?.[0]}-${platform.cpu?.[0]}) for ${key || 'root'}`,
    );
  }
}
if (added > 0) writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  added > 0 ? `package-lock.json: ${added} platform package(s) recorded` : 'package-lock.json already complete',
);
