import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The console's first page: what a lead's browser downloads to show the dashboard after signing in — the entry,
 * its static imports, the dashboard's chunk (ECharts with only the charts it draws) and theirs, and the CSS —
 * against the budget of issue 14 (≤ 250 KB gzip). Other pages load their own chunks when opened.
 */
const root = resolve(import.meta.dirname, '../..');
const outDir = resolve(root, '.output/console');
const BUDGET = 250 * 1024;

execFileSync('npx', ['vite', 'build', '--config', 'console/vite.config.ts', '--logLevel', 'error'], {
  cwd: root,
  stdio: 'inherit',
});

interface Chunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
const manifest = JSON.parse(readFileSync(resolve(outDir, '.vite/manifest.json'), 'utf8')) as Record<string, Chunk>;

const files = new Set<string>();
function take(key: string) {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imported of chunk.imports ?? []) take(imported);
}
const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
if (!entry) throw new Error('the console build has no entry in its manifest');
take(entry);
const dashboard = Object.keys(manifest).find((key) => key.endsWith('pages/Dashboard.tsx'));
if (!dashboard) throw new Error('the console build has no dashboard chunk');
take(dashboard);

let total = 0;
for (const file of [...files].sort()) {
  const raw = readFileSync(resolve(outDir, file));
  const gzip = gzipSync(raw, { level: 9 }).length;
  total += gzip;
  console.log(`bench console ${file}: ${(raw.length / 1024).toFixed(1)} KB raw, ${(gzip / 1024).toFixed(1)} KB gzip`);
}
console.log(
  `bench console first page (dashboard) total: ${(total / 1024).toFixed(1)} KB gzip (budget ${BUDGET / 1024} KB gzip)`,
);
if (total > BUDGET) {
  console.log('bench console: over budget');
  process.exit(1);
}
