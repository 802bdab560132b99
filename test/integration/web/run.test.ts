// `npm run start:web`'s command line: usage errors are refused before anything starts.
import { describe, expect, it } from 'vitest';
import { runWebMode, type WebModeIo } from '../../../main/web/run.ts';

function io(): WebModeIo & { out: string; err: string } {
  const state = { out: '', err: '' };
  return Object.assign(state, {
    env: {},
    stdout: (t: string) => void (state.out += t),
    stderr: (t: string) => void (state.err += t),
  });
}

describe('start:web arguments', () => {
  it('prints its help', async () => {
    const out = io();
    expect(await runWebMode(['--help'], out)).toEqual({ exitCode: 0 });
    expect(out.out).toContain('127.0.0.1 only');
    expect(out.out).toContain('--port N');
  });

  it.each([['--port', 'abc'], ['--port', '70000'], ['--port=-1']])('refuses %s %s', async (...argv) => {
    const out = io();
    expect(await runWebMode(argv, out)).toEqual({ exitCode: 2 });
    expect(out.err).toContain('--port must be a whole number from 0 to 65535');
  });

  it('refuses an unknown flag with the usage', async () => {
    const out = io();
    expect(await runWebMode(['--host', '0.0.0.0'], out)).toEqual({ exitCode: 2 });
    expect(out.err).toMatch(/Unknown option '--host'/);
    expect(out.err).toContain('npm run start:web');
  });
});
