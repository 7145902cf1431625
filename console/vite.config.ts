import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/**
 * The console, built to .output/console where the backend serves it at `/` (server/console/console.index.ts).
 * `npx vite --config console/vite.config.ts` runs it against a backend on :8787 while editing.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [preact()],
  build: {
    outDir: resolve(import.meta.dirname, '../.output/console'),
    emptyOutDir: true,
    target: 'es2022',
    // Chunks are inspected by test/bench/console-size.bench.ts; a manifest tells it which belong to the first page.
    manifest: true,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8787' } },
});
