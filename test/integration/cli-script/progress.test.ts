// Issue #20: without a terminal (standard output a pipe), `fota batch send` prints one line per call
// with running counts, not the bare phases ("send: sending", "send: pilot-paused") it printed before.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratch, spawnFota, type Run } from './spawn.ts';

const dir = scratch('cli-progress');
const fota = (...args: string[]): Promise<Run> => spawnFota(args, { cwd: dir.work, dataDir: dir.dataDir });

beforeAll(() => {
  // Enrolled devices of the practice tenant in two groups (main/simulator/demo-seed.ts): two calls.
  const rows = [...[21, 22, 23].map((n) => `R58N1SP00${n},SM-G991B,BTU`), ...[1, 2].map((n) => `R58T1FE000${n},SM-A536B,XEU`)];
  writeFileSync(path.join(dir.work, 'two-groups.csv'), `Serial,Model,Sales Code\n${rows.join('\n')}\n`);
});
afterAll(() => dir.remove());

describe('send progress in a pipe', () => {
  it('is one line per call with running counts, and the pilot pause in words', async () => {
    const created = await fota('batch', 'create', 'two-groups.csv', '--name', 'progress', '--target', 'Latest', '--network', 'WIFIONLY', '--pilot', '3');
    expect(created.code, created.err).toBe(0);
    const pilot = await fota('batch', 'send', 'progress', '--yes', '--concurrency', '1');
    expect(pilot.code, pilot.err).toBe(0);
    expect(pilot.out).not.toMatch(/^send: /m);
    const first = pilot.out.split('\n').filter((l) => l.startsWith('call '));
    expect(first).toHaveLength(1);
    expect(first[0]).toMatch(/^call 1\/2 SM-G991B\/BTU#1 3 devices: accepted forceUpdateId \S+ \(sent 1, accepted 1, failed 0, unknown 0\)$/);
    expect(pilot.out).toMatch(/^pilot sent: paused for review \(sent 1, accepted 1, failed 0, unknown 0\)$/m);

    const rest = await fota('batch', 'send', 'progress', '--yes', '--continue-pilot');
    expect(rest.code, rest.err).toBe(0);
    expect(rest.out).not.toMatch(/^send: /m);
    const second = rest.out.split('\n').filter((l) => l.startsWith('call '));
    expect(second).toEqual([expect.stringMatching(/^call 2\/2 SM-A536B\/XEU#1 2 devices: accepted forceUpdateId \S+ \(sent 2, accepted 2, failed 0, unknown 0\)$/)]);
  });
});
