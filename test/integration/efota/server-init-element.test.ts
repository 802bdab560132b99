// v1 serverInit's sales code travels as <carrierCode> (current pages) or <customerCode> (seed 002).
// A server reading only the other name answers FUD_1007 ("missing"), which proves nothing was
// scheduled: the client then resends once under the other name and remembers which one the server
// reads. Any other answer is never resent.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../common/clock.ts';
import { FudError, TransportError } from '../../../main/efota/errors.ts';
import type { SalesCodeElement, SalesCodeElementMemory } from '../../../common/efota/sales-code-names.ts';
import { requestToken } from '../../../main/efota/token.ts';
import type { ServerInitRequest } from '../../../main/efota/types.ts';
import { startSimulator, type RunningSimulator } from '../../../main/simulator/index.ts';
import { clientFor, collectedErrors, failure, leaks, PLANTED_TOKEN } from './helpers/client.ts';
import { reply, routes, startScriptedServer, type Reply, type ScriptedServer } from './helpers/scripted-server.ts';

const PATH = '/b2bfota/v1/serverInit';
const V1_ERROR = (code: string, message?: string): string =>
  `<error><code>${code}</code>${message === undefined ? '' : `<message>${message}</message>`}<resource>com.samsung.efota.b2b.service.B2BDeviceServiceResourceImpl</resource></error>`;
const MISSING = reply(400, V1_ERROR('FUD_1007'));
const OK = reply(200);

const NOW = Date.UTC(2030, 2, 10, 5, 30);
const REQUEST: ServerInitRequest = {
  groupId: 'TEST DEVICE GROUP', model: 'GT-S8500A', salesCode: 'QA4', targetFirmwareVersion: 'Latest',
  deliveryStartDate: '20300311', deliveryEndDate: '20300315', dailyStartHour: '01', dailyEndHour: '04',
};

/** A memory that starts knowing `known` and records what it is told. */
function memory(known: SalesCodeElement | null = null): SalesCodeElementMemory & { told: SalesCodeElement[] } {
  const told: SalesCodeElement[] = [];
  return {
    told,
    recall: () => Promise.resolve(told.at(-1) ?? known),
    remember: (element) => Promise.resolve(void told.push(element)),
  };
}

/** The sales-code element names in a request body, in order. */
const elementsIn = (body: string): string[] => [...body.matchAll(/<(carrierCode|customerCode)>/g)].map((m) => m[1] ?? '');

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});
afterAll(() => expect(leaks(collectedErrors, PLANTED_TOKEN)).toEqual([]));

async function scripted(answers: readonly Reply[], remembered: ReturnType<typeof memory> = memory()) {
  const server: ScriptedServer = await startScriptedServer(routes({ [PATH]: answers }));
  open.push(server);
  const { client, transport } = clientFor(server.url, { clock: new ManualClock(NOW), salesCodeMemory: remembered });
  open.push(transport);
  const sentElements = (): string[][] => server.requests.map((r) => elementsIn(r.body));
  return { client, server, remembered, sentElements };
}

describe('against a scripted server', () => {
  it('on FUD_1007 to <carrierCode>, resends once as <customerCode> in the same place and remembers it', async () => {
    const { client, server, remembered, sentElements } = await scripted([MISSING, OK]);
    await expect(client.serverInit(REQUEST)).resolves.toBeUndefined();
    expect(sentElements()).toEqual([['carrierCode'], ['customerCode']]);
    expect(remembered.told).toEqual(['customerCode']);
    // the resend is the seed 002 sample's shape: the same elements in the same order
    const tagsOf = (xml: string): string[] => xml.match(/<[A-Za-z]\w*/g) ?? [];
    const seed = readFileSync(resolve(import.meta.dirname, '../../fixtures/simulator/seeds/002-serverInit-closing-tag-fixed.xml'), 'utf8');
    expect(tagsOf(server.requests[1]?.body ?? '')).toEqual(tagsOf(seed));
    expect(server.requests[1]?.body.replaceAll('customerCode', 'carrierCode')).toBe(server.requests[0]?.body);
  });

  it('sends the remembered name first next time, and learns again when the server changed', async () => {
    const known = await scripted([OK], memory('customerCode'));
    await known.client.serverInit(REQUEST);
    expect(known.sentElements()).toEqual([['customerCode']]);
    expect(known.remembered.told).toEqual([]);

    const changed = await scripted([MISSING, OK], memory('customerCode'));
    await changed.client.serverInit(REQUEST);
    expect(changed.sentElements()).toEqual([['customerCode'], ['carrierCode']]);
    expect(changed.remembered.told).toEqual(['carrierCode']);
  });

  it('remembers carrierCode once a server takes it, and keeps it for the next call of the same client', async () => {
    const { client, remembered, sentElements } = await scripted([OK]);
    await client.serverInit(REQUEST);
    await client.serverInit(REQUEST);
    expect(sentElements()).toEqual([['carrierCode'], ['carrierCode']]);
    expect(remembered.told).toEqual(['carrierCode']);
  });

  it('resends only once: FUD_1007 to both names is reported as such', async () => {
    const { client, server } = await scripted([MISSING]);
    const error = await failure(client.serverInit(REQUEST));
    expect(error).toBeInstanceOf(FudError);
    expect(error).toMatchObject({ code: 'FUD_1007', local: false, httpStatus: 400 });
    expect((error as Error).message).toMatch(/both documented names, carrierCode and then customerCode/);
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    ['FUD_1007 whose message is about the length', reply(400, V1_ERROR('FUD_1007', 'carrierCode is longer than 20 bytes'))],
    ['FUD_1007 on a 500 (the outcome is unknown)', reply(500, V1_ERROR('FUD_1007'))],
    ['FUD_1008 (a bad character, the element was read)', reply(400, V1_ERROR('FUD_1008'))],
    ['FUD_3014 (a business rule: the element was read)', reply(400, V1_ERROR('FUD_3014'))],
    ['a bare 502 (may have been scheduled)', reply(502, 'Bad Gateway', { 'content-type': 'text/plain' })],
  ])('never resends after %s', async (_name, first) => {
    const { client, server } = await scripted([first, OK]);
    const error = await failure(client.serverInit(REQUEST));
    expect(error instanceof FudError || error instanceof TransportError).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('a business refusal proves the server read the name: it is remembered', async () => {
    const { client, remembered } = await scripted([reply(400, V1_ERROR('FUD_3014'))]);
    await failure(client.serverInit(REQUEST));
    expect(remembered.told).toEqual(['carrierCode']);
  });
});

describe('against the simulator reading only one name', () => {
  const clock = new ManualClock(NOW);
  let sim: RunningSimulator;
  let token: string;
  beforeAll(async () => {
    sim = await startSimulator({ clock });
    const { transport } = clientFor(sim.url);
    try {
      token = (await requestToken({ baseUrl: sim.url, clientId: sim.tenant.clientId, clientSecret: sim.tenant.clientSecret, fetch: transport.fetch })).accessToken;
    } finally {
      await transport.close();
    }
  });
  afterAll(async () => {
    await sim.close();
  });

  it.each([
    ['customerCode', ['customerCode']],
    ['carrierCode', ['carrierCode']],
    ['either', ['carrierCode']],
  ] as const)('serverInitSalesCodeElement=%s: scheduled once, learnt %j', async (reads, learnt) => {
    sim.reset('demo');
    sim.switches = { serverInitSalesCodeElement: reads };
    const remembered = memory();
    const { client, transport } = clientFor(sim.url, { clock, salesCodeMemory: remembered, tokens: { getToken: () => Promise.resolve(token) }, identity: { mdmId: sim.tenant.mdmId, customerId: sim.tenant.customerId, license: sim.tenant.license } });
    open.push(transport);
    await client.serverInit(REQUEST);
    expect(sim.state.schedules()).toHaveLength(1);
    expect(remembered.told).toEqual(learnt);
  });
});
