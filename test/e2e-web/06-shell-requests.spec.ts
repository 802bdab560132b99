// The built page, in real Chromium against web mode: as the last step of its start-up (after its first
// loads answered) it asks main once for the shell's pending requests — the hand-over that lets a
// `.fotabatch` opened at cold start reach the desktop window. Web mode has no shell, so the answer
// is empty; the desktop side is held by test/unit/desktop/main-entry.test.ts and the Electron E2E.
import { expect, test } from '@playwright/test';
import { openApp } from './app.ts';

const FIRST_LOADS = ['app:info', 'profiles:list', 'preferences:get', 'status:get', 'license:get', 'groups:list'];

test('the page takes the shell’s pending requests once, after its first loads', async ({ page }) => {
  // One log of what the page asked and what came back, in the order it happened.
  const log: string[] = [];
  const channel = (url: string): string | null => {
    const match = /\/api\/invoke\/([^/?]+)/.exec(new URL(url).pathname);
    return match?.[1] ? decodeURIComponent(match[1]) : null;
  };
  page.on('request', (request) => {
    const name = channel(request.url());
    if (name) log.push(`asked ${name}`);
  });
  page.on('requestfinished', (request) => {
    const name = channel(request.url());
    if (name) log.push(`answered ${name}`);
  });
  const pending = page.waitForResponse((response) => channel(response.url()) === 'shell:pendingRequests');
  await openApp(page);
  expect(await (await pending).json()).toEqual({ ok: true, data: [] });

  const asked = log.indexOf('asked shell:pendingRequests');
  for (const first of FIRST_LOADS) expect(log.indexOf(`answered ${first}`), `${first} answered before`).toBeLessThan(asked);
  expect(log.filter((entry) => entry === 'asked shell:pendingRequests')).toHaveLength(1);
});
