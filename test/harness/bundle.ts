import { buildSync } from 'esbuild';

/**
 * A module bundled for a page of its own (`window[globalName]`): the generic adapter or the admin's tester run in
 * Chromium's real DOM without the extension around them.
 */
export function pageBundle(entry: string, globalName: string): string {
  const text = buildSync({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    globalName,
    // React picks its build by NODE_ENV and Draft.js reads Node's `global`: neither exists in a browser.
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
  }).outputFiles[0]?.text;
  if (!text) throw new Error(`esbuild produced nothing for ${entry}`);
  return text;
}
