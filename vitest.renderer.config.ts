// Component tests of the renderer in real Chromium (Vitest browser mode, driven by Playwright): the
// screens, their hooks and the real zustand slices, with a fake main behind `window.fota` only.
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

// The same Debian Chromium and flags as the web E2E (playwright.config.ts): no browser download.
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['test/renderer/**/*.test.tsx'],
    setupFiles: ['test/renderer/setup.ts'],
    testTimeout: 30_000,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: { executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: chromiumArgs },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
