import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/keychain/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    fileParallelism: false,
  },
});
