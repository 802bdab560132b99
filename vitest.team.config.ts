import { defineConfig } from 'vitest/config';

// The team-mode tests: against a real PostgreSQL cluster started by the global setup.
export default defineConfig({
  test: {
    include: ['test/team/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/team/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // one file at a time: the tests stop and start the one shared cluster
    fileParallelism: false,
  },
});
