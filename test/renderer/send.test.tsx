// Sending's decisions, in real Chromium with the real slices and a fake main behind window.fota:
// the confirmation (a large send's device count typed, failed checks), devices held back by an open
// push (shown; all of them included only with their number typed), and the send screen's controls
// (an unknown call re-sent only after its own confirmation, pause, cancel, close).
import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { fail, ok } from '../../common/contract/result.ts';
import type { PreviewView, SendView } from '../../common/contract.ts';
import { BatchBuilderScreen } from '../../renderer/src/screens/BatchBuilder.tsx';
import { SendScreen } from '../../renderer/src/screens/Send.tsx';
import { useApp } from '../../renderer/src/state/app.ts';
import { useBatches } from '../../renderer/src/state/batches.ts';
import { useSend } from '../../renderer/src/state/send.ts';
import { FakeMain } from './fake-main.ts';
import { batchView, openPush, previewView, sendCall, sendSummary, sendView } from './views.ts';

/** The builder of batch b-0001 after a dry run that answered `preview`. */
async function afterDryRun(preview: PreviewView = previewView(batchView())): Promise<FakeMain> {
  const main = new FakeMain()
    .answerOk('batches:get', batchView())
    .answer('batches:firmware', ({ model, salesCode }) => ok({ model, salesCode, items: [], fetchedAt: null, error: null }))
    .answerOk('batches:preview', preview)
    .install();
  await useBatches.getState().open('b-0001');
  render(<BatchBuilderScreen />);
  await userEvent.click(await screen.findByRole('button', { name: 'Dry run (Ctrl+Enter)' }));
  await screen.findByTestId('dry-run');
  return main;
}

/** The send screen of batch b-0001, showing `view`. */
async function sendScreen(view: SendView): Promise<FakeMain> {
  const main = new FakeMain().answerOk('send:get', view).install();
  useBatches.setState({ currentId: 'b-0001' });
  render(<SendScreen />);
  await screen.findByTestId('send');
  return main;
}

const running = (over: Partial<SendView> = {}): SendView => sendView({ stage: 'running', phase: 'sending', revision: 2, ...over });

describe('the confirmation before sending', () => {
  it('sends a large send to a real tenant only once its device count is typed exactly', async () => {
    const main = await afterDryRun();
    main.answerOk('send:open', sendView({ typeToConfirm: 150 })).answerOk('send:start', running());
    await userEvent.click(screen.getByRole('button', { name: 'Send…' }));

    const form = await screen.findByTestId('send-confirm');
    const submit = within(form).getByRole('button', { name: 'Send 150 devices to Contoso EU' });
    expect(main.callsTo('send:open')).toEqual([{ batchId: 'b-0001', include: { all: false, serials: [], typedCount: null } }]);
    expect(submit.hasAttribute('disabled')).toBe(true);
    await userEvent.fill(within(form).getByLabelText('Type the number of devices (150) to confirm'), '149');
    expect(submit.hasAttribute('disabled')).toBe(true);
    await userEvent.fill(within(form).getByLabelText('Type the number of devices (150) to confirm'), '150');
    expect(submit.hasAttribute('disabled')).toBe(false);
    await userEvent.click(submit);

    await waitFor(() => expect(useApp.getState().screen).toBe('send'));
    expect(main.callsTo('send:start')).toEqual([{ batchId: 'b-0001', pinLatest: false, typedCount: 150 }]);
  });

  it('sends nothing while the checks at send time found errors', async () => {
    const main = await afterDryRun();
    const refused = { where: 'licence', element: 'license', value: 'AB12', severity: 'error' as const, fud: 'FUD_2001', message: 'The licence has expired.' };
    main.answerOk('send:open', sendView({ checks: { license: null, findings: [refused], latest: [], sendable: false } }));
    await userEvent.click(screen.getByRole('button', { name: 'Send…' }));

    const form = await screen.findByTestId('send-confirm');
    expect(within(form).getByText('The checks above found errors: nothing can be sent until they are fixed.')).toBeTruthy();
    expect(within(form).getByRole('button', { name: 'Send 150 devices to Contoso EU' }).hasAttribute('disabled')).toBe(true);
    expect(main.callsTo('send:start')).toEqual([]);
  });

  it('"Do not send" closes the opened send: nothing was sent', async () => {
    const main = await afterDryRun();
    main.answerOk('send:open', sendView()).answerOk('send:close', { closed: true });
    await userEvent.click(screen.getByRole('button', { name: 'Send…' }));
    await userEvent.click(within(await screen.findByTestId('send-confirm')).getByRole('button', { name: 'Do not send' }));

    await waitFor(() => expect(main.callsTo('send:close')).toEqual([{ batchId: 'b-0001' }]));
    await waitFor(() => expect(screen.queryByTestId('send-confirm')).toBeNull());
    expect(useSend.getState().views['b-0001']).toBeUndefined();
    expect(main.callsTo('send:start')).toEqual([]);
  });
});

describe('devices held back by an open push', () => {
  const held = sendSummary(148, 3, { heldBack: [openPush('R58N00000001'), openPush('R58N00000002', null)] });

  it('lists them in the dry run and the confirmation, each with the push that holds it', async () => {
    const main = await afterDryRun(previewView(batchView(), held));
    const list = screen.getByTestId('held-back');
    expect(within(list).getByRole('heading').textContent).toBe('Held back: the latest push of 2 devices is still open');
    expect(within(list).getByRole('rowheader', { name: 'R58N00000001' }).closest('tr')?.textContent).toContain('FU-R58N00000001');
    expect(within(list).getByRole('rowheader', { name: 'R58N00000002' }).closest('tr')?.textContent).toContain('call SM-G991B/BTU#1');

    main.answerOk('send:open', sendView({ summary: held }));
    await userEvent.click(screen.getByRole('button', { name: 'Send…' }));
    const note = within(await screen.findByTestId('send-confirm')).getByTestId('send-held-back');
    expect(note.textContent).toContain('2 devices held back');
    expect(note.textContent).toContain('R58N00000001 (FU-R58N00000001), R58N00000002 (SM-G991B/BTU#1)');
  });

  it('includes all of them only once their number is typed, works the dry run out again, and sends with them', async () => {
    const main = await afterDryRun(previewView(batchView(), held));
    await userEvent.click(within(screen.getByTestId('held-back')).getByRole('button', { name: 'Include all 2…' }));
    const include = await screen.findByRole('button', { name: 'Include all 2' });
    expect(include.hasAttribute('disabled')).toBe(true);
    await userEvent.fill(screen.getByLabelText('Type the number of devices (2) to confirm'), '3');
    expect(include.hasAttribute('disabled')).toBe(true);

    const included = sendSummary(150, 3, { includedOpen: held.heldBack });
    main.answerOk('batches:preview', previewView(batchView(), included));
    await userEvent.fill(screen.getByLabelText('Type the number of devices (2) to confirm'), '2');
    await userEvent.click(include);

    await screen.findByText(/2 devices included: they may be pushed twice/);
    expect(main.callsTo('batches:preview').at(-1)).toEqual({ id: 'b-0001', online: false, include: { all: true, serials: [] } });
    main.answerOk('send:open', sendView({ summary: included }));
    await userEvent.click(screen.getByRole('button', { name: 'Send…' }));
    await screen.findByTestId('send-included-open');
    expect(main.callsTo('send:open')).toEqual([{ batchId: 'b-0001', include: { all: true, serials: [], typedCount: 2 } }]);
  });

  it('shows them on the send screen too', async () => {
    await sendScreen(running({ summary: sendSummary(146, 3, { heldBack: [openPush('R1'), openPush('R2'), openPush('R3', null), openPush('R4')] }) }));
    const note = screen.getByTestId('send-held-back');
    expect(note.textContent).toContain('4 devices held back, not sent by this send');
    expect(note.textContent).toContain('R1: FU-R1, R2: FU-R2, R3: SM-G991B/BTU#1, …');
  });
});

describe('the send screen', () => {
  const unknownCall = sendCall('SM-G991B/BTU#2', { state: 'unknown', devices: 20, message: 'The connection was reset after the request was sent.' });
  const stopped = (over: Partial<SendView> = {}): SendView =>
    sendView({ stage: 'idle', phase: 'stopped', calls: [sendCall('SM-G991B/BTU#1', { state: 'accepted', forceUpdateId: 'FU-1' }), unknownCall], summary: sendSummary(120, 2), ...over });

  it('re-sends an unknown call only after its own confirmation', async () => {
    const main = await sendScreen(stopped());
    const unknown = screen.getByTestId('unknown-calls');
    expect(unknown.textContent).toContain('The connection was reset after the request was sent.');
    await userEvent.click(within(unknown).getByRole('button', { name: /^Re-send…\s*SM-G991B\/BTU#2$/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Re-send an unknown call?' });
    expect(main.callsTo('send:resend')).toEqual([]);

    main.answerOk('send:resend', running({ revision: 3 }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Re-send SM-G991B/BTU#2' }));
    await waitFor(() => expect(main.callsTo('send:resend')).toEqual([{ batchId: 'b-0001', callIds: ['SM-G991B/BTU#2'] }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('leaves an unknown call for good when asked, and cannot decide while calls are in flight', async () => {
    const main = await sendScreen(stopped());
    main.answerOk('send:leave', stopped({ revision: 3, calls: [sendCall('SM-G991B/BTU#1', { state: 'accepted' }), { ...unknownCall, left: true }] }));
    await userEvent.click(screen.getByRole('button', { name: /^Leave it \(never re-send\)\s*SM-G991B\/BTU#2$/ }));
    await waitFor(() => expect(screen.queryByTestId('unknown-calls')).toBeNull());
    expect(main.callsTo('send:leave')).toEqual([{ batchId: 'b-0001', callIds: ['SM-G991B/BTU#2'] }]);
    expect(screen.getByTestId('send-calls').textContent).toContain('unknown — left (never re-sent)');

    useSend.getState().receive(stopped({ revision: 4, stage: 'running', phase: 'sending' }));
    await waitFor(() => expect(screen.getByRole('button', { name: /^Re-send…\s*SM-G991B\/BTU#2$/ }).hasAttribute('disabled')).toBe(true));
    expect(screen.getByRole('button', { name: /^Leave it \(never re-send\)\s*SM-G991B\/BTU#2$/ }).hasAttribute('disabled')).toBe(true);
  });

  it('pauses a running send, and shows main’s refusal when it cannot', async () => {
    const main = await sendScreen(running());
    main.answer('send:pause', fail('BUSY', 'Another FOTA Desk window holds this batch.', 'Close it, then try again.'));
    await userEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Another FOTA Desk window holds this batch.');

    main.answerOk('send:pause', running({ revision: 3, phase: 'pausing' }));
    await userEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await screen.findByRole('button', { name: 'Resume' });
    expect(main.callsTo('send:pause')).toEqual([{ batchId: 'b-0001' }, { batchId: 'b-0001' }]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('cancels the calls not sent only after saying Samsung cannot withdraw what it accepted', async () => {
    const main = await sendScreen(running());
    await userEvent.click(screen.getByRole('button', { name: 'Cancel the rest…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel the rest of this send?' });
    expect(dialog.textContent).toContain('Samsung cannot withdraw an update it has accepted');
    expect(main.callsTo('send:cancel')).toEqual([]);

    main.answerOk('send:cancel', running({ revision: 3, phase: 'stopping' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel the calls not sent' }));
    await waitFor(() => expect(main.callsTo('send:cancel')).toEqual([{ batchId: 'b-0001' }]));
  });

  it('closes a send that stopped and returns to the builder', async () => {
    const main = await sendScreen(stopped());
    main.answerOk('send:close', { closed: true });
    await userEvent.click(screen.getByRole('button', { name: 'Close the send' }));
    await waitFor(() => expect(useApp.getState().screen).toBe('batch'));
    expect(main.callsTo('send:close')).toEqual([{ batchId: 'b-0001' }]);
    expect(useSend.getState().views['b-0001']).toBeUndefined();
  });
});
