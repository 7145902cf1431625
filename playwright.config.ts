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
  use: { trace: 'retain-on-failure' },
  projects: [
    { name: 'chromium', testIgnore: /policy-.*\.spec\.ts/ },
    // A machine-wide policy file reaches every browser running at the same time, so these run last and one at a
    // time: two policy specs in two workers overwrote (and removed) each other's policy file.
    { name: 'policy', testMatch: /policy-.*\.spec\.ts/, dependencies: ['chromium'], fullyParallel: false, workers: 1 },
  ],
});
