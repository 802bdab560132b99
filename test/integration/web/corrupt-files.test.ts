// A window-side file that cannot be read (preferences, a profile's groups, remembered mappings) is
// moved aside to *.corrupt-<time>, reported in Settings, and never half-used or silently overwritten.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startWebFixture, type WebFixture } from './web-server.ts';

let f: WebFixture;
beforeAll(async () => {
  f = await startWebFixture();
});
afterAll(() => f.dispose());

const data = async (channel: string, payload: unknown): Promise<Record<string, unknown>> => {
  const result = JSON.parse((await call(f, channel, payload)).body) as { ok: boolean; data: Record<string, unknown> };
  expect(result.ok).toBe(true);
  return result.data;
};

describe('unreadable files', () => {
  it('moves broken preferences aside, loads defaults and says so', async () => {
    mkdirSync(f.dataDir, { recursive: true });
    writeFileSync(path.join(f.dataDir, 'preferences.json'), '{"concurrency": 2, "exportDelim');
    expect(await data('preferences:get', null)).toEqual({ concurrency: 2, exportDelimiter: ',', welcomeDone: false });
    const aside = readdirSync(f.dataDir).filter((n) => n.startsWith('preferences.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(f.dataDir, aside[0] ?? ''), 'utf8')).toContain('exportDelim');
    const profiles = await data('profiles:list', null);
    expect((profiles['notices'] as string[]).join('\n')).toMatch(/not valid JSON.*moved to .*preferences\.json\.corrupt-/);
  });

  it('refuses values that fail the check, not just broken JSON', async () => {
    writeFileSync(path.join(f.dataDir, 'preferences.json'), JSON.stringify({ concurrency: 500 }));
    expect(await data('preferences:get', null)).toMatchObject({ concurrency: 2 });
    expect(readdirSync(f.dataDir).filter((n) => n.startsWith('preferences.json.corrupt-')).length).toBeGreaterThanOrEqual(1);
  });

  it('moves a broken group list aside and starts from the profile’s initial groups', async () => {
    const dir = path.join(f.dataDir, 'profiles', 'practice');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'groups.json'), JSON.stringify({ version: 1, groups: [{ groupId: 42 }] }));
    const view = await data('groups:list', null);
    expect((view['groups'] as unknown[]).length).toBeGreaterThan(0);
    expect(readdirSync(dir).some((n) => n.startsWith('groups.json.corrupt-'))).toBe(true);
    const profiles = await data('profiles:list', null);
    expect((profiles['notices'] as string[]).join('\n')).toContain('group 1 is incomplete');
  });

  // The old hand-written checks let these through (any text passed as a time); the schemas name the field.
  it('refuses a group whose addedAt is not a time, naming the group and the field', async () => {
    const dir = path.join(f.dataDir, 'profiles', 'practice');
    writeFileSync(path.join(dir, 'groups.json'), JSON.stringify({ version: 1, groups: [{ groupId: 'G1', license: 'L', source: 'entered', addedAt: 'yesterday' }] }));
    await data('groups:list', null);
    const profiles = await data('profiles:list', null);
    expect((profiles['notices'] as string[]).join('\n')).toContain('group 1 is incomplete: expected a time, found text "yesterday" (groups[0].addedAt)');
  });

  it('refuses a remembered mapping whose savedAt is not a time, naming the field', async () => {
    writeFileSync(path.join(f.dataDir, 'import-mappings.json'), JSON.stringify({ version: 1, mappings: [{ headerKey: 'serial', columns: { serial: 0 }, savedAt: 'soon' }] }));
    expect(await data('import:getMapping', { headerKey: 'serial' })).toBeNull();
    expect(readdirSync(f.dataDir).some((n) => n.startsWith('import-mappings.json.corrupt-'))).toBe(true);
    const profiles = await data('profiles:list', null);
    expect((profiles['notices'] as string[]).join('\n')).toContain('mappings[0].savedAt: expected a time, found text "soon"');
  });

  it('clears the notices once dismissed', async () => {
    expect(((await data('profiles:list', null))['notices'] as string[]).length).toBeGreaterThan(0);
    expect((await data('profiles:dismissNotices', null))['notices']).toEqual([]);
    expect((await data('profiles:list', null))['notices']).toEqual([]);
  });
});
