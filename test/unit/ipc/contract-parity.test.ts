// The contract's channel list, the handler table and the event list must be the same sets, so no
// channel can be declared without a handler (or handled without being declared).
import { afterAll, describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS, isEventChannel, isInvokeChannel } from '../../../common/contract.ts';
import { createHandlers } from '../../../main/ipc/handlers.ts';
import { tempServices } from './temp-services.ts';

const fixture = tempServices();
afterAll(() => fixture.dispose());

describe('contract and handler table', () => {
  it('has exactly one handler per invoke channel', () => {
    const table = createHandlers(fixture.services);
    expect(Object.keys(table).sort()).toEqual([...INVOKE_CHANNELS].sort());
    for (const channel of INVOKE_CHANNELS) expect(typeof table[channel]).toBe('function');
  });

  it('names every channel once, with a domain prefix', () => {
    for (const channel of [...INVOKE_CHANNELS, ...EVENT_CHANNELS]) expect(channel).toMatch(/^[a-z]+:[a-zA-Z]+$/);
    expect(new Set(INVOKE_CHANNELS).size).toBe(INVOKE_CHANNELS.length);
    expect(new Set(EVENT_CHANNELS).size).toBe(EVENT_CHANNELS.length);
  });

  it('tells channel names from outside apart', () => {
    expect(isInvokeChannel('profiles:list')).toBe(true);
    expect(isInvokeChannel('toString')).toBe(false);
    expect(isInvokeChannel('__proto__')).toBe(false);
    expect(isEventChannel('status:changed')).toBe(true);
    expect(isEventChannel('profiles:list')).toBe(false);
  });
});
