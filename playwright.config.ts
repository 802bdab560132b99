import { defineConfig } from '@playwright/test';

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export default defineConfig({
  testDir: 'test',
  testMatch: ['e2e-web/**/*.spec.ts', 'e2e-electron/**/*.spec.ts'],
  workers: 1,
  timeout: 60_000,
  reporter: [['list']],
  outputDir: 'test-results',
  projects: [
    {
      name: 'web',
      testMatch: 'e2e-web/**/*.spec.ts',
      use: {
        browserName: 'chromium',
        launchOptions: { executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: chromiumArgs },
        screenshot: 'only-on-failure',
      },
    },
    { name: 'electron', testMatch: 'e2e-electron/**/*.spec.ts' },
  ],
});
