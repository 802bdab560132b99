// The one window factory's options: every security switch pinned, the same in development and
// production except DevTools, and the window shown only once it has painted.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { secureWindowOptions, showWhenReady } from '../../../main/desktop/window-options.ts';

describe('secure window options', () => {
  const production = secureWindowOptions({ preloadPath: '/app/out/preload/index.cjs', development: false, dark: false });
  const development = secureWindowOptions({ preloadPath: '/app/out/preload/index.cjs', development: true, dark: true });

  it('sandboxes the page, isolates the preload and keeps Node out of every frame and worker', () => {
    expect(production.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('offers DevTools only in development', () => {
    expect(production.webPreferences.devTools).toBe(false);
    expect(development.webPreferences.devTools).toBe(true);
  });

  it('is identical in development and production apart from DevTools and the frame colour', () => {
    const strip = (o: typeof production): unknown => ({ ...o, backgroundColor: null, webPreferences: { ...o.webPreferences, devTools: null } });
    expect(strip(development)).toEqual(strip(production));
  });

  it('starts hidden and needs a preload', () => {
    expect(production.show).toBe(false);
    expect(() => secureWindowOptions({ preloadPath: '', development: false, dark: false })).toThrow(/preload/);
  });

  it('shows the window once, on ready-to-show', () => {
    const window = Object.assign(new EventEmitter(), { shown: 0, show(): void { this.shown++; } });
    showWhenReady(window);
    expect(window.shown).toBe(0);
    window.emit('ready-to-show');
    window.emit('ready-to-show');
    expect(window.shown).toBe(1);
  });
});
