// The native menu follows each platform's conventions and wires File › Import… and Open Batch….
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, findMenuItem, type MenuActions, type MenuTemplateItem } from '../../../main/desktop/menu-template.ts';

function build(platform: NodeJS.Platform, development = false) {
  const called: string[] = [];
  const actions: MenuActions = {
    importDevices: () => called.push('import'),
    openBatch: () => called.push('open-batch'),
    showSettings: () => called.push('settings'),
    showDataFolder: () => called.push('data-folder'),
    openDocumentation: () => called.push('docs'),
  };
  return { template: buildMenuTemplate({ platform, appName: 'FOTA Desk', development, actions }), called };
}

const labels = (t: readonly MenuTemplateItem[]): string[] => t.map((m) => (m.label ?? '').replace('&', ''));
const roles = (t: readonly MenuTemplateItem[]): string[] => t.flatMap((m) => [...(m.role ? [m.role] : []), ...(m.submenu ? roles(m.submenu) : [])]);

describe('native menu', () => {
  it('macOS: the app menu first (About, Settings…, Services, Hide, Quit), Window menu, Close in File', () => {
    const { template } = build('darwin');
    expect(labels(template)).toEqual(['FOTA Desk', 'File', 'Edit', 'View', 'Window', 'Help']);
    expect(roles(template[0]!.submenu!)).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(findMenuItem(template[0]!.submenu!, 'settings')?.label).toBe('Settings…');
    expect(roles(template[1]!.submenu!)).toEqual(['close']);
  });

  it('Windows: File holds Settings and Exit, Help holds About, no app or Window menu', () => {
    const { template } = build('win32');
    expect(labels(template)).toEqual(['File', 'Edit', 'View', 'Help']);
    const file = template[0]!.submenu!;
    expect(file.at(-1)).toMatchObject({ role: 'quit', label: 'E&xit' });
    expect(findMenuItem(file, 'settings')).not.toBeNull();
    expect(roles(template[3]!.submenu!)).toContain('about');
  });

  it.each(['darwin', 'win32', 'linux'] as const)('%s: File › Import… and Open Batch… call their actions', (platform) => {
    const { template, called } = build(platform);
    const file = template.find((m) => m.label?.replace('&', '') === 'File')!;
    expect(file.submenu!.slice(0, 2).map((m) => m.label)).toEqual(['Import…', 'Open Batch…']);
    findMenuItem(template, 'import')!.click!();
    findMenuItem(template, 'open-batch')!.click!();
    findMenuItem(template, 'docs')!.click!();
    findMenuItem(template, 'data-folder')!.click!();
    findMenuItem(template, 'settings')!.click!();
    expect(called).toEqual(['import', 'open-batch', 'docs', 'data-folder', 'settings']);
  });

  it('leaves Ctrl/Cmd+O to the page’s own picker on Windows and Linux (shown, not registered)', () => {
    expect(findMenuItem(build('win32').template, 'import')).toMatchObject({ accelerator: 'CmdOrCtrl+O', registerAccelerator: false });
  });

  it('offers Reload and DevTools only in development', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      expect(roles(build(platform).template)).not.toContain('toggleDevTools');
      expect(roles(build(platform).template)).not.toContain('reload');
      expect(roles(build(platform, true).template)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload', 'forceReload']));
    }
  });
});
