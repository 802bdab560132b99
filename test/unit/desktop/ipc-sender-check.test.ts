// The IPC sender check: our window's webContents, its main frame, showing the app.
import { describe, expect, it } from 'vitest';
import { trustedOrigins } from '../../../main/desktop/app-origin.ts';
import { isTrustedSender, senderProblem, type FrameLike, type SenderEvent } from '../../../main/desktop/ipc-sender-check.ts';

const trusted = trustedOrigins(undefined, true);
const main: FrameLike = { url: 'app://fota/index.html', processId: 4, routingId: 1, parent: null };
const event = (over: Partial<{ id: number; frame: FrameLike | null }> = {}): SenderEvent => ({
  sender: { id: over.id ?? 7, mainFrame: main },
  senderFrame: over.frame === undefined ? main : over.frame,
});

describe('IPC sender check', () => {
  it('trusts the window’s main frame on app://fota', () => {
    expect(senderProblem(event(), 7, trusted)).toBeNull();
    expect(isTrustedSender(event({ frame: { ...main, url: 'app://fota/history/3' } }), 7, trusted)).toBe(true);
  });

  it('refuses another webContents, or any sender when no window is open', () => {
    expect(senderProblem(event({ id: 8 }), 7, trusted)).toMatch(/not the app window/);
    expect(senderProblem(event(), null, trusted)).toMatch(/no window/);
  });

  it('refuses a sub-frame, even one on the app origin', () => {
    expect(senderProblem(event({ frame: { ...main, routingId: 2, parent: main } }), 7, trusted)).toMatch(/sub-frame/);
    expect(senderProblem(event({ frame: { ...main, routingId: 2 } }), 7, trusted)).toMatch(/sub-frame/);
  });

  it('refuses a frame that is gone or shows another page', () => {
    expect(senderProblem(event({ frame: null }), 7, trusted)).toMatch(/gone/);
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://other/index.html', '', 'about:blank']) {
      expect(isTrustedSender(event({ frame: { ...main, url } }), 7, trusted), url).toBe(false);
    }
  });

  it('accepts the dev server only when it is trusted (unpackaged development)', () => {
    const dev = trustedOrigins('http://localhost:5173', false);
    const devFrame = { ...main, url: 'http://localhost:5173/' };
    expect(isTrustedSender(event({ frame: devFrame }), 7, dev)).toBe(true);
    expect(isTrustedSender(event({ frame: devFrame }), 7, trusted)).toBe(false);
  });
});
