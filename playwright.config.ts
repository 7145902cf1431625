import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  // Playwright empties its output folder when it starts; the unit lane's log (scripts/test-all.ts) lives beside it in
  // test-results/, written at the same moment, and was lost to that.
  outputDir: 'test-results/e2e',
  workers: 2,
  fullyParallel: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  // A failed test keeps its trace: every action with its call log, console, network and the source lines. Without the
  // DOM snapshot and screenshot the recorder takes around every action, which cost the console specs a quarter of
  // their time (2.9 → 2.0 min, two workers) for what error-context.md's page snapshot already shows.
  use: { trace: { mode: 'retain-on-failure', snapshots: false, screenshots: false } },
  projects: [
    { name: 'chromium', testIgnore: /policy-.*\.spec\.ts/ },
    // A machine-wide policy file reaches every browser running at the same time, so these run last and one at a
    // time: two policy specs in two workers overwrote (and removed) each other's policy file.
    { name: 'policy', testMatch: /policy-.*\.spec\.ts/, dependencies: ['chromium'], fullyParallel: false, workers: 1 },
  ],
});
