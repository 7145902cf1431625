import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The build report: raw and gzip size of every JavaScript file each build ships, against the budget for
 * what DeskLens loads into a helpdesk page (≤ 35 KB gzip per helpdesk content script).
 */
const root = resolve(import.meta.dirname, '../..');
const CONTENT_SCRIPT_BUDGET = 35 * 1024;
/** The Zendesk sidebar app's JavaScript, all files together (issue 16). */
const ZENDESK_APP_BUDGET = 60 * 1024;

execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore' });
execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: root, stdio: 'ignore' });
execFileSync('npx', ['tsx', 'helpdesk-apps/zendesk/build.ts'], { cwd: root, stdio: 'ignore' });

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsFiles(path);
    return name.endsWith('.js') ? [path] : [];
  });
}

let overBudget = 0;
for (const target of ['chrome-mv3', 'firefox-mv2']) {
  const dir = resolve(root, '.output', target);
  for (const file of jsFiles(dir).sort()) {
    const raw = readFileSync(file);
    const gzip = gzipSync(raw, { level: 9 }).length;
    const name = relative(dir, file);
    const isContentScript = name.startsWith('content-scripts/');
    const budget = isContentScript ? ` (budget ${(CONTENT_SCRIPT_BUDGET / 1024).toFixed(0)} KB gzip)` : '';
    if (isContentScript && gzip > CONTENT_SCRIPT_BUDGET) overBudget++;
    console.log(
      `bench build ${target} ${name}: ${(raw.length / 1024).toFixed(1)} KB raw, ${(gzip / 1024).toFixed(1)} KB gzip${budget}`,
    );
  }
}
const appDir = resolve(root, '.output/zendesk-app');
let appGzip = 0;
for (const file of jsFiles(appDir).sort()) {
  const raw = readFileSync(file);
  const gzip = gzipSync(raw, { level: 9 }).length;
  appGzip += gzip;
  console.log(
    `bench build zendesk-app ${relative(appDir, file)}: ${(raw.length / 1024).toFixed(1)} KB raw, ${(gzip / 1024).toFixed(1)} KB gzip`,
  );
}
console.log(
  `bench build zendesk-app JavaScript total: ${(appGzip / 1024).toFixed(1)} KB gzip (budget ${ZENDESK_APP_BUDGET / 1024} KB gzip)`,
);
if (appGzip > ZENDESK_APP_BUDGET) overBudget++;
if (overBudget > 0) {
  console.log(`bench build: ${overBudget} bundle(s) over budget`);
  process.exit(1);
}
