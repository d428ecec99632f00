import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Suites start real HTTP servers and write real store files; two cores run them best one file per worker.
    pool: 'forks',
    maxWorkers: 2,
  },
});
