// Views as main answers them, small and typed by the contract, for the component tests. Each
// factory gives a plain, sendable case; a test overrides what its decision depends on.
import type { BatchGroupView, BatchView, OpenPush, PreviewView, SendCallView, SendSummary, SendView } from '../../common/contract.ts';

const stamp = { at: '2030-01-02T09:00:00.000Z', by: { user: 'alex', host: 'desk-1' } };

/** A group of devices of one model and sales code, sent now to `Latest` over Wi-Fi. */
export function groupView(model: string, salesCode: string, devices: number, over: Partial<BatchGroupView> = {}): BatchGroupView {
  return {
    key: `${model}/${salesCode}`,
    model,
    salesCode,
    devices,
    excluded: 0,
    target: 'Latest',
    targetSource: 'latest',
    pinnedTarget: null,
    network: 'WIFIONLY',
    schedule: null,
    scope: `these ${devices} devices`,
    sample: ['R58N00000001'],
    ...over,
  };
}

/** A draft batch of the active tenant with two groups. */
export function batchView(over: Partial<BatchView> = {}): BatchView {
  const groups = over.groups ?? [groupView('SM-G991B', 'BTU', 120), groupView('SM-A525F', 'XEU', 30)];
  return {
    id: 'b-0001',
    name: 'Spring rollout',
    notes: '',
    customerId: 'C-1001',
    activeTenant: true,
    practice: false,
    created: stamp,
    edited: stamp,
    sources: [],
    handoff: null,
    devices: groups.reduce((n, g) => n + g.devices, 0),
    groups,
    pilot: null,
    excluded: [],
    excludedTotal: 0,
    abnormalCheck: null,
    findings: [],
    sendState: 'draft',
    ...over,
  };
}

/** A device whose latest push is still open. */
export function openPush(serial: string, forceUpdateId: string | null = `FU-${serial}`): OpenPush {
  return { serial, batchId: 'b-0000', batchName: 'Winter rollout', forceUpdateId, callId: 'SM-G991B/BTU#1', state: 'processing', at: '2030-01-01T10:00:00.000Z' };
}

/** What a send will do: `devices` in `calls`, nothing held back. */
export function sendSummary(devices: number, calls: number, over: Partial<SendSummary> = {}): SendSummary {
  return {
    resumed: false,
    toSend: { calls, devices },
    scheduled: 0,
    pilotCalls: 0,
    resend: { calls: 0, devices: 0 },
    unknownWaiting: { calls: 0, devices: 0 },
    unknownLeft: { calls: 0, devices: 0 },
    alreadySent: 0,
    excluded: 0,
    heldBack: [],
    includedOpen: [],
    nothingToSend: null,
    ...over,
  };
}

/** The dry run of `batch`: sendable, no finding, with `summary`. */
export function previewView(batch: BatchView, summary: SendSummary = sendSummary(batch.devices, 3), over: Partial<PreviewView['preview']> = {}): PreviewView {
  return {
    batch,
    newlyExcluded: 0,
    restored: 0,
    preview: {
      batch: { id: batch.id, name: batch.name, notes: batch.notes, customerId: batch.customerId, created: batch.created, edited: batch.edited, handoff: batch.handoff },
      totals: { calls: summary.toSend.calls, forceUpdateCalls: summary.toSend.calls, serverInitCalls: 0, pilotCalls: 0, devicesToSend: summary.toSend.devices, imported: batch.devices, excluded: 0 },
      groups: batch.groups.map((g) => ({
        key: g.key,
        model: g.model,
        salesCode: g.salesCode,
        mode: 'immediate',
        target: g.target,
        devices: g.devices,
        calls: Math.ceil(g.devices / 100),
        scope: g.scope,
        targetSource: g.targetSource,
        chosenTarget: g.target,
        network: g.network,
        groupId: null,
        window: null,
        excluded: 0,
        serialsForInformation: [],
      })),
      license: null,
      abnormal: { run: { kind: 'skipped', reason: 'practice' }, lastRanAt: null, ageMs: null, checked: 0, reported: 0, keptByAdmin: [] },
      excluded: [],
      summary,
      findings: [],
      errors: 0,
      warnings: 0,
      sendable: true,
      at: '2030-01-02T09:05:00.000Z',
      ...over,
    },
  };
}

/** One call of a send. */
export function sendCall(id: string, over: Partial<SendCallView> = {}): SendCallView {
  return {
    id,
    operation: 'forceUpdate',
    model: 'SM-G991B',
    salesCode: 'BTU',
    target: 'Latest',
    network: 'WIFIONLY',
    groupId: null,
    window: null,
    devices: 100,
    pilot: false,
    state: 'pending',
    left: false,
    forceUpdateId: null,
    code: null,
    local: false,
    message: null,
    culprits: null,
    replacedBy: [],
    attempts: 0,
    ...over,
  };
}

/** A send of batch b-0001 to a real tenant; `stage` confirm (opened) unless overridden. */
export function sendView(over: Partial<SendView> = {}): SendView {
  const calls = over.calls ?? [sendCall('SM-G991B/BTU#1'), sendCall('SM-G991B/BTU#2', { devices: 20 }), sendCall('SM-A525F/XEU#1', { model: 'SM-A525F', salesCode: 'XEU', devices: 30 })];
  const by = (state: SendCallView['state']): number => calls.filter((c) => c.state === state && !c.left).length;
  return {
    revision: 1,
    batchId: 'b-0001',
    batchName: 'Spring rollout',
    sendId: 's-0001',
    resumed: false,
    stage: 'confirm',
    phase: 'ready',
    tenant: { profileId: 'p-1', profileName: 'Contoso EU', practice: false, customerId: 'C-1001', licenseSuffix: 'AB12' },
    counts: {
      calls: calls.length,
      pending: by('pending'),
      sending: by('sending'),
      accepted: by('accepted'),
      rejected: by('rejected'),
      unknown: by('unknown'),
      unknownLeft: calls.filter((c) => c.left).length,
      cancelled: by('cancelled'),
      devicesAccepted: calls.filter((c) => c.state === 'accepted').reduce((n, c) => n + c.devices, 0),
      devicesOpen: 0,
    },
    devicesToSend: calls.filter((c) => c.state === 'pending').reduce((n, c) => n + c.devices, 0),
    typeToConfirm: null,
    pilotCalls: 0,
    pilotContinued: false,
    calls,
    checks: { license: null, findings: [], latest: [], sendable: true },
    notices: [],
    outcome: null,
    alreadySent: 0,
    summary: sendSummary(150, 3),
    done: false,
    ...over,
  };
}
