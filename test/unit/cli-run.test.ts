import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli/run.ts';
import { memoryIo } from '../helpers/memory-io.ts';

describe('fota dispatcher', () => {
  it('prints the overview on --help with exit 0', async () => {
    const io = memoryIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.out()).toMatch(/Usage: fota <command>/);
    expect(io.out()).toMatch(/Exit codes: 0 success, 2 invalid input/);
  });

  it('refuses an unknown command with exit 2 on stderr', async () => {
    const io = memoryIo();
    expect(await runCli(['no-such-command'], io)).toBe(2);
    expect(io.err()).toMatch(/unknown command 'no-such-command'/);
    expect(io.out()).toBe('');
  });
});
