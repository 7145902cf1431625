import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { minimumVersion, nodeVersionProblem } from '../../scripts/check-node.mjs';

const script = resolve(import.meta.dirname, '../../scripts/check-node.mjs');

describe('the Node version check that starts npm start, npm run server and npm test', () => {
  it.each([
    ['v20.20.2', '>=24', true],
    ['v23.11.0', '>=24', true],
    ['v24.0.0', '>=24', false],
    ['v24.21.0', '>=24', false],
    ['v26.1.0', '>=24', false],
    ['v24.1.9', '>=24.2', true],
    ['v24.2.0', '>= 24.2', false],
    ['v24.2.0', '>=24.2.1', true],
  ])('Node %s against %s: refused = %s', (version, range, refused) => {
    const problem = nodeVersionProblem(version, range);
    expect(problem !== undefined).toBe(refused);
    if (refused) {
      expect(problem).toContain(`this is Node ${version}`);
      expect(problem).toContain(`Node ${range.trim()}`);
      expect(problem).toMatch(/npm install --prefix .* node@\d+/);
    }
  });

  it('refuses an engines range it cannot read, naming it', () => {
    expect(() => minimumVersion('^24')).toThrow('found "^24"');
  });

  it('lets the Node running the tests through (exit 0, nothing printed)', () => {
    expect(execFileSync(process.execPath, [script], { encoding: 'utf8' })).toBe('');
  });

  // Debian 12's own Node is the case the check exists for; CI machines have it at /usr/bin/node.
  const debianNode = spawnSync('/usr/bin/node', ['--version'], { encoding: 'utf8' });
  const oldNode = debianNode.status === 0 && Number(debianNode.stdout.trim().slice(1).split('.')[0]) < 24;
  it.skipIf(!oldNode)('stops an older Node with exit 1 and says which version was found and how to get 24', () => {
    const run = spawnSync('/usr/bin/node', [script], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`this is Node ${debianNode.stdout.trim()} at /usr/bin/node`);
    expect(run.stderr).toContain('node@24');
  });
});
