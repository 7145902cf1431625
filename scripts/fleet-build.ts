import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseGenericAdapter } from '../lib/schema/adapter';
import { browserMatchPattern, originProblem } from '../lib/schema/origins';

/**
 * A configured build for a fleet: the built extension with described helpdesks' origins as *required* host
 * permissions, which the browser grants at install — with no prompt when the build is force-installed by policy.
 * Neither Chrome/Edge nor Firefox has a policy that grants an optional host permission (docs/admin/rollout.md,
 * "Pre-granting a described helpdesk"), so this is the supported way to spare every agent the "Allow" click.
 *
 *   npm run build && npx tsx scripts/fleet-build.ts --from docs/adapters/redmine.json
 *   npx tsx scripts/fleet-build.ts --grant https://helpdesk.example.com:8443/* --grant http://otrs.corp/* \
 *     --gecko-id desklens@example.com
 *
 * Writes `.output/fleet/chrome-mv3` (Chrome, Edge: the port kept) and `.output/fleet/firefox-mv2` (Firefox: ports
 * dropped, as Firefox's patterns take none; the content script keeps to the described port). Pack and sign them as
 * the rollout guide says. The end-to-end tests install builds made by `configureBuild` (test/harness/chromium.ts).
 */

export interface Grants {
  /** Described origins (`https://host[:port]/*`, or intranet http). */
  origins: string[];
  /** Extra API permissions to grant as well (the tests use it for `cookies`). */
  permissions?: string[];
  /**
   * Firefox only: the add-on id to sign under. Mozilla signs an id for the account that owns it, so an organisation
   * signing its own build needs its own id (and names it in its policy). Chrome and Edge take the id from the key
   * the package is signed with.
   */
  geckoId?: string;
}

/** Every origin checked with the rules a description's `matches` follow; throws naming each bad one. */
export function checkGrantOrigins(origins: string[]): void {
  const problems = origins
    .map((origin) => [origin, originProblem(origin, { allowHttp: true })] as const)
    .filter(([, problem]) => problem !== undefined);
  if (problems.length > 0) {
    throw new Error(problems.map(([origin, problem]) => `${origin}: ${problem}`).join('\n'));
  }
}

/** Copy a built extension to `target` with `grants` added to its manifest as required permissions. */
export async function configureBuild(source: string, target: string, grants: Grants): Promise<void> {
  checkGrantOrigins(grants.origins);
  await rm(target, { recursive: true, force: true });
  await cp(source, target, { recursive: true });
  const manifestPath = join(target, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
    manifest_version: number;
    host_permissions?: string[];
    permissions?: string[];
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  if (grants.geckoId && manifest.browser_specific_settings?.gecko) {
    if (!/^(\{[0-9a-f-]{36}\}|[a-z0-9._-]+@[a-z0-9.-]+)$/i.test(grants.geckoId)) {
      throw new Error(`${grants.geckoId}: a Firefox add-on id is name@domain or a {GUID}`);
    }
    manifest.browser_specific_settings.gecko.id = grants.geckoId;
  }
  const unique = (items: string[]) => [...new Set(items)];
  if (manifest.manifest_version >= 3) {
    // Chrome and Edge take a port in a pattern.
    const hosts = grants.origins.map((origin) => browserMatchPattern(origin, { portsInPatterns: true }));
    manifest.host_permissions = unique([...(manifest.host_permissions ?? []), ...hosts]);
    manifest.permissions = unique([...(manifest.permissions ?? []), ...(grants.permissions ?? [])]);
  } else {
    // Firefox's MV2 manifest lists hosts among its permissions, without a port.
    const hosts = grants.origins.map((origin) => browserMatchPattern(origin, { portsInPatterns: false }));
    manifest.permissions = unique([...(manifest.permissions ?? []), ...(grants.permissions ?? []), ...hosts]);
  }
  await writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      grant: { type: 'string', multiple: true, default: [] },
      from: { type: 'string', multiple: true, default: [] },
      out: { type: 'string', default: '.output/fleet' },
      'gecko-id': { type: 'string' },
    },
  });
  const origins = [...values.grant];
  for (const file of values.from) {
    const parsed = parseGenericAdapter(JSON.parse(await readFile(file, 'utf8')));
    if (!parsed.ok) throw new Error(`${file}:\n${parsed.errors.join('\n')}`);
    origins.push(...parsed.description.matches);
  }
  if (origins.length === 0)
    throw new Error('name the origins to grant: --grant https://host/* or --from description.json');
  const root = resolve(import.meta.dirname, '..');
  for (const target of ['chrome-mv3', 'firefox-mv2']) {
    const out = resolve(root, values.out, target);
    await configureBuild(resolve(root, '.output', target), out, {
      origins,
      ...(values['gecko-id'] ? { geckoId: values['gecko-id'] } : {}),
    });
    console.log(`${out}: ${origins.join(', ')} granted at install`);
  }
  console.log('Next: pack and sign both folders as docs/admin/rollout.md#pre-granting-a-described-helpdesk says.');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
