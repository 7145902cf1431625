import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'lib/**/*.test.ts',
      'lib/**/*.test.tsx',
      'components/**/*.test.tsx',
      'console/src/**/*.test.ts',
      'server/**/*.test.ts',
      'test/unit/**/*.test.ts',
      'test/suggestions/**/*.test.ts',
      'test/sla-reference/**/*.test.ts',
      'test/sla-agreement/**/*.test.ts',
      'tools/situations/**/*.test.ts',
    ],
    environment: 'node',
    setupFiles: ['server/testing-setup.ts'],
    // Hang guards, not speed budgets (those are benchmarks): in npm test the unit lane shares two cores with the
    // browsers, where a test that takes 6 s alone can take three times as long.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
