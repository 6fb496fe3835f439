import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/buildOnce.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The suites start real servers on loopback; a modest pool keeps the 2-core CI machine responsive.
    maxWorkers: 2,
  },
});
