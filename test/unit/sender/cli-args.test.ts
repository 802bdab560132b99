// `fota batch send` call-id lists: several ids after one flag, commas, repeated flags.
import { describe, expect, it } from 'vitest';
import { expandListFlags } from '../../../main/cli/commands/batch-send.ts';

describe('expandListFlags', () => {
  it('spreads ids that follow one flag, and comma lists, into repeated flags', () => {
    expect(expandListFlags(['b1', '--resend-unknown', 'M/S#1', 'M/S#2,M/S#3', '--yes'])).toEqual(['b1', '--resend-unknown', 'M/S#1', '--resend-unknown', 'M/S#2', '--resend-unknown', 'M/S#3', '--yes']);
    expect(expandListFlags(['b1', '--replan=M/S#4,M/S#5', '--leave-unknown', 'M/S#6'])).toEqual(['b1', '--replan', 'M/S#4', '--replan', 'M/S#5', '--leave-unknown', 'M/S#6']);
  });
  it('leaves everything else alone (the batch comes first)', () => {
    expect(expandListFlags(['b1', '--concurrency', '3', '--yes'])).toEqual(['b1', '--concurrency', '3', '--yes']);
  });
});
