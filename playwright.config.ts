import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Web E2E: a fresh data folder per run, made once by the runner (workers inherit the variable).
const e2eDataDir = (process.env['FOTA_E2E_DATA_DIR'] ??= mkdtempSync(join(tmpdir(), 'fota-e2e-web-')));

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
  // `npm run start:web`'s bundle (built before the E2E step) with the real services and the practice
  // simulator. Its printed address (FOTA_WEB_URL) says it is up; its key is single use, so each test
  // asks the running server for a link of its own with `web.mjs --new-link` (test/e2e-web/app.ts).
  webServer: {
    command: 'node out/node/web.mjs',
    env: { FOTA_DESK_DATA_DIR: e2eDataDir, FOTA_DESK_INSECURE_MEMORY_SECRETS: '1', FOTA_DESK_TEST_CONTROLS: '1' },
    wait: { stdout: /Open: (?<fota_web_url>http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/ },
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    timeout: 60_000,
  },
});
