import { defineConfig } from 'vitest/config';

/** Firefox ESR end-to-end tests: one browser at a time (puppeteer-core over WebDriver BiDi). */
export default defineConfig({
  test: {
    include: ['test/firefox/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
