// Web mode carries the whole contract: every channel is reachable over HTTP and refuses a payload
// its schema does not allow with the same INVALID_INPUT message as the handler table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../../common/contract.ts';
import { badPayloads } from '../../unit/ipc/bad-payloads.ts';
import { call, startWebFixture, type WebFixture } from './web-server.ts';

let f: WebFixture;
beforeAll(async () => {
  f = await startWebFixture();
});
afterAll(() => f.dispose());

describe('every contract channel over HTTP', () => {
  it('is routed to its handler, which refuses a bad payload naming the field', async () => {
    for (const channel of INVOKE_CHANNELS) {
      const [bad] = badPayloads(channel);
      if (!bad) throw new Error(`no bad payload for ${channel}`);
      const answer = await call(f, channel, bad.payload);
      const result = JSON.parse(answer.body) as { ok: boolean; error?: { code: string; message: string } };
      expect(result, `${channel}: ${answer.body}`).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(result.error?.message, channel).toMatch(bad.message);
    }
  });
});
