// The flags of every command that writes a file, parsed one way: -o/--output (and --out, kept for
// scripts) and --delimiter.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../main/cli/command.ts';
import { delimiterFlag, outputFlag } from '../../main/cli/file-flags.ts';
import { runCli } from '../../main/cli/run.ts';
import { memoryIo } from '../helpers/memory-io.ts';

describe('file flags', () => {
  it('takes -o/--output, and --out as its older spelling, but not both', () => {
    expect(outputFlag({ output: 'a.csv' })).toBe('a.csv');
    expect(outputFlag({ out: 'b.csv' })).toBe('b.csv');
    expect(outputFlag({})).toBeUndefined();
    expect(() => outputFlag({ output: 'a.csv', out: 'b.csv' })).toThrow(UsageError);
  });

  it('reads , ; and tab for --delimiter, else the command’s default, and refuses anything else', () => {
    expect(delimiterFlag(undefined, ';')).toBe(';');
    expect(delimiterFlag('tab', ',')).toBe('\t');
    expect(delimiterFlag('comma', ';')).toBe(',');
    expect(() => delimiterFlag('|', ',')).toThrow(/--delimiter must be , or ; or tab, not '\|'/);
    expect(() => delimiterFlag('tab', ',', [',', ';'])).toThrow(/--delimiter must be , or ;, not 'tab'/);
  });

  it('refuses a bad delimiter the same way in both CSV commands, before touching anything (exit 2)', async () => {
    for (const command of [['batch', 'audit', '--csv'], ['batch', 'results', 'x']]) {
      const io = memoryIo({ env: { FOTA_DESK_DATA_DIR: path.join(tmpdir(), 'fota-desk-flags-none') } });
      expect(await runCli([...command, '--delimiter', '|'], io)).toBe(2);
      expect(io.err()).toMatch(/--delimiter must be , or ;( or tab)?, not '\|'/);
    }
  });
});
