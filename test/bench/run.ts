import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * `npm run bench`: runs every `test/bench/*.bench.ts` one after another (never in parallel, so figures are
 * not skewed by each other) and prints their figures. `npm run bench -- sla` runs only files matching "sla".
 */
const dir = import.meta.dirname;
const filter = process.argv[2];
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts') && (!filter || name.includes(filter)))
  .sort();

if (files.length === 0) {
  console.log(filter ? `No benchmark matches "${filter}".` : 'No benchmarks yet.');
  process.exit(0);
}

let failures = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const started = Date.now();
  const code = await new Promise<number>((done) => {
    // `gc` exposed: memory figures are read after a collection, or they measure the collector's timing, not ours.
    const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim() };
    const child = spawn('npx', ['tsx', resolve(dir, file)], { stdio: 'inherit', env });
    child.on('exit', (exitCode) => done(exitCode ?? 1));
  });
  console.log(
    `=== ${file}: ${code === 0 ? 'done' : `failed (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (code !== 0) failures++;
}
process.exit(failures > 0 ? 1 : 0);
