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
    ],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
