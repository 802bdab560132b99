import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Forks, not threads: a test sets the process umask, which worker threads may not.
    pool: 'forks',
    // vitest's default is one worker less than the cores: one worker on the 2-core machines we test on.
    // Most files wait on child processes, sockets and the simulator's delays more than they compute
    // (a run's CPU time is about half its summed file time), so two workers keep both cores busy.
    maxWorkers: 2,
  },
});
