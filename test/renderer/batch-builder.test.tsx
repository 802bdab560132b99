// The batch builder's decisions, in real Chromium with the real slices and a fake main behind
// window.fota: a target per group, the rules' messages before saving, what saving sends, and when
// "Send…" may be pressed after the dry run.
import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { fail, ok } from '../../common/contract/result.ts';
import type { BatchView, PreviewView, Result } from '../../common/contract.ts';
import { BatchBuilderScreen } from '../../renderer/src/screens/BatchBuilder.tsx';
import { useBatches } from '../../renderer/src/state/batches.ts';
import { deferred, FakeMain } from './fake-main.ts';
import { batchView, groupView, openPush, previewView, sendSummary } from './views.ts';

const NO_FIRMWARE = { items: [], fetchedAt: null, error: null };

/** A fake main holding `batch`, with the builder open on it. */
async function openBuilder(batch: BatchView = batchView()): Promise<FakeMain> {
  const main = new FakeMain()
    .answerOk('batches:get', batch)
    .answer('batches:firmware', ({ model, salesCode }) => ok({ model, salesCode, ...NO_FIRMWARE }))
    .install();
  await useBatches.getState().open(batch.id);
  render(<BatchBuilderScreen />);
  await screen.findByRole('heading', { level: 1, name: /Batch: Spring rollout/ });
  return main;
}

function groupCard(key: string): HTMLElement {
  return screen.getByTestId(`group-${key}`);
}

describe('batch builder', () => {
  it('offers a target per group and saves only the group that changed, with the target typed', async () => {
    const main = await openBuilder();
    const first = groupCard('SM-G991B/BTU');
    const second = groupCard('SM-A525F/XEU');
    expect(within(first).getByRole('group', { name: 'Target firmware of SM-G991B / BTU' })).toBeTruthy();
    expect(within(second).getByRole('group', { name: 'Target firmware of SM-A525F / XEU' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Draft saved' }).hasAttribute('disabled')).toBe(true);

    const typedTarget = 'G991BXXU5CVJ1/G991BOXM5CVJ1/G991BXXU5CVJ1';
    const saved = batchView({ groups: [groupView('SM-G991B', 'BTU', 120, { target: typedTarget, targetSource: 'typed' }), groupView('SM-A525F', 'XEU', 30)] });
    main.answerOk('batches:setGroup', saved);
    await userEvent.click(within(first).getByLabelText('Type a firmware (AP/CSC/CP)'));
    await userEvent.fill(within(first).getByLabelText('Typed firmware for SM-G991B / BTU'), typedTarget);
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));

    await screen.findByRole('button', { name: 'Draft saved' });
    expect(main.callsTo('batches:setGroup')).toEqual([{ id: 'b-0001', group: { key: 'SM-G991B/BTU', target: typedTarget, network: 'WIFIONLY', schedule: null } }]);
    expect(main.callsTo('batches:setDetails')).toEqual([]);
  });

  it('explains a missing typed target and a scheduled group without a registered group before anything is saved', async () => {
    const main = await openBuilder();
    const first = groupCard('SM-G991B/BTU');
    await userEvent.click(within(first).getByLabelText('Type a firmware (AP/CSC/CP)'));
    expect(within(first).getByTestId('findings-SM-G991B/BTU').textContent).toContain('Error: Type the target firmware (AP/CSC/CP), or choose another kind of target.');

    const second = groupCard('SM-A525F/XEU');
    await userEvent.click(within(second).getByLabelText('Scheduled: a whole registered group in a delivery window (serverInit)'));
    expect(within(second).getByTestId('findings-SM-A525F/XEU').textContent).toContain('Error: A scheduled push needs the registered group whose devices Samsung should update.');
    expect(screen.getByText('2 errors to fix above before sending.')).toBeTruthy();
    expect(main.callsTo('batches:setGroup')).toEqual([]);
  });

  it('shows main’s refusal of a save and keeps the draft', async () => {
    const main = await openBuilder();
    main.answer('batches:setDetails', fail('STORAGE', 'The batch file could not be written in /data/batches.', 'Free some disk space, then save again.'));
    await userEvent.fill(screen.getByLabelText('Batch name'), 'Spring rollout, wave 2');
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The batch file could not be written in /data/batches.');
    expect(alert.textContent).toContain('Free some disk space, then save again.');
    expect(main.callsTo('batches:setDetails')).toEqual([{ id: 'b-0001', details: { name: 'Spring rollout, wave 2', notes: '', pilot: null } }]);
    expect((screen.getByLabelText('Batch name') as HTMLInputElement).value).toBe('Spring rollout, wave 2');
    expect(screen.getByRole('button', { name: 'Save draft' }).hasAttribute('disabled')).toBe(false);
  });

  it('saves the pilot with the dry run, asks Samsung (online) and lets "Send…" be pressed', async () => {
    const main = await openBuilder();
    const withPilot = batchView({ pilot: { kind: 'devices', count: 25 } });
    main.answerOk('batches:setDetails', withPilot).answerOk('batches:preview', previewView(withPilot));
    await userEvent.click(screen.getByLabelText('Pilot devices'));
    await userEvent.fill(screen.getByLabelText('Pilot devices'), '25');
    await userEvent.click(screen.getByRole('button', { name: 'Dry run (Ctrl+Enter)' }));

    await screen.findByTestId('dry-run');
    expect(main.callsTo('batches:setDetails')).toEqual([{ id: 'b-0001', details: { name: 'Spring rollout', notes: '', pilot: { kind: 'devices', count: 25 } } }]);
    expect(main.callsTo('batches:preview')).toEqual([{ id: 'b-0001', online: true, include: { all: false, serials: [] } }]);
    expect(screen.getByRole('button', { name: 'Send…' }).hasAttribute('disabled')).toBe(false);
  });

  it('disables "Send…" once the batch changed after its dry run: the plan shown is stale', async () => {
    const main = await openBuilder();
    main.answerOk('batches:preview', previewView(batchView()));
    await userEvent.click(screen.getByRole('button', { name: 'Dry run (Ctrl+Enter)' }));
    await screen.findByTestId('dry-run');
    expect(screen.getByRole('button', { name: 'Send…' }).hasAttribute('disabled')).toBe(false);

    await userEvent.click(within(groupCard('SM-A525F/XEU')).getByLabelText('Any network (mobile data too)'));
    const send = screen.getByRole('button', { name: 'Send…' });
    expect(send.hasAttribute('disabled')).toBe(true);
    expect(document.getElementById(send.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Save the changes and run the dry run again first.');
    expect(main.callsTo('send:open')).toEqual([]);
  });

  it('disables "Send…" when the dry run found errors, or when nothing would be sent', async () => {
    const main = await openBuilder();
    main.answerOk('batches:preview', previewView(batchView(), undefined, { sendable: false, errors: 1 }));
    await userEvent.click(screen.getByRole('button', { name: 'Dry run (Ctrl+Enter)' }));
    await screen.findByTestId('dry-run');
    expect(screen.getByRole('button', { name: 'Send…' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('Fix the errors of the dry run first.')).toBeTruthy();

    const nothing = 'Every device of this batch is held back: their latest push is still open.';
    main.answerOk('batches:preview', previewView(batchView(), sendSummary(0, 0, { heldBack: [openPush('R58N00000001')], nothingToSend: nothing })));
    await userEvent.click(screen.getByRole('button', { name: 'Dry run (Ctrl+Enter)' }));
    await screen.findByText(nothing);
    expect(screen.getByRole('button', { name: 'Send…' }).hasAttribute('disabled')).toBe(true);
  });

  it('does not run the dry run of a batch prepared for another tenant', async () => {
    const main = await openBuilder(batchView({ activeTenant: false, customerId: 'C-2002' }));
    expect(screen.getByText(/This batch was prepared for customer ID/).textContent).toContain('C-2002');
    expect(screen.getByRole('button', { name: 'Dry run (Ctrl+Enter)' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByLabelText('Batch name').closest('fieldset')?.disabled).toBe(true);
    expect(main.callsTo('batches:preview')).toEqual([]);
  });

  it('taking a device back from the Excluded list drops the dry run, which must be run again', async () => {
    const excluded = batchView({ excluded: [{ serial: 'R58N00000009', model: 'SM-G991B', salesCode: 'BTU', reason: 'broken screen', excludedAt: '2030-01-02T08:00:00.000Z', by: 'admin' }], excludedTotal: 1 });
    const main = await openBuilder(excluded);
    main.answerOk('batches:preview', previewView(excluded));
    await userEvent.click(screen.getByRole('button', { name: 'Dry run (Ctrl+Enter)' }));
    await screen.findByTestId('dry-run');

    main.answerOk('batches:takeBack', batchView());
    await userEvent.click(screen.getByRole('button', { name: /Take back/ }));
    await waitFor(() => expect(screen.queryByTestId('dry-run')).toBeNull());
    expect(main.callsTo('batches:takeBack')).toEqual([{ id: 'b-0001', serials: ['R58N00000009'] }]);
  });

  it('re-plans the dry run after a saved edit, and says it is stale with "Send…" disabled until then', async () => {
    const main = await openBuilder();
    main.answerOk('batches:preview', previewView(batchView()));
    await userEvent.click(screen.getByRole('button', { name: 'Dry run (Ctrl+Enter)' }));
    await screen.findByTestId('dry-run');

    const later = { at: '2030-01-02T10:00:00.000Z', by: { user: 'alex', host: 'desk-1' } };
    const saved = batchView({ edited: later, groups: [groupView('SM-G991B', 'BTU', 120), groupView('SM-A525F', 'XEU', 30, { network: 'ANY' })] });
    const replan = deferred<Result<PreviewView>>();
    main.answerOk('batches:setGroup', saved).answer('batches:preview', () => replan.promise);
    await userEvent.click(within(groupCard('SM-A525F/XEU')).getByLabelText('Any network (mobile data too)'));
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));

    const note = await screen.findByTestId('dry-run-stale');
    expect(note.textContent).toBe('The batch changed after this dry run; it is being worked out again…');
    const send = screen.getByRole('button', { name: 'Send…' });
    expect(send.hasAttribute('disabled')).toBe(true);
    expect(document.getElementById(send.getAttribute('aria-describedby') ?? '')?.textContent).toBe(note.textContent);
    await waitFor(() => expect(main.callsTo('batches:preview')).toHaveLength(2));
    // The re-plan asks Samsung as the dry run the admin ran did.
    expect(main.callsTo('batches:preview')[1]).toEqual({ id: 'b-0001', online: true, include: { all: false, serials: [] } });

    replan.resolve(ok(previewView(saved)));
    await waitFor(() => expect(screen.queryByTestId('dry-run-stale')).toBeNull());
    expect(screen.getByRole('button', { name: 'Send…' }).hasAttribute('disabled')).toBe(false);
  });

  it('keeps a stale dry run marked, Send disabled, when its re-plan fails', async () => {
    const main = await openBuilder();
    main.answerOk('batches:preview', previewView(batchView()));
    await userEvent.click(screen.getByRole('button', { name: 'Dry run (Ctrl+Enter)' }));
    await screen.findByTestId('dry-run');

    const saved = batchView({ name: 'Spring rollout 2', edited: { at: '2030-01-02T10:00:00.000Z', by: { user: 'alex', host: 'desk-1' } } });
    main.answerOk('batches:setDetails', saved).answer('batches:preview', fail('NETWORK', 'Samsung could not be reached.', 'Check the network, then run the dry run again.'));
    await userEvent.fill(screen.getByLabelText('Batch name'), 'Spring rollout 2');
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));

    expect((await screen.findByRole('alert')).textContent).toContain('Samsung could not be reached.');
    expect(screen.getByTestId('dry-run-stale').textContent).toBe('The batch changed after this dry run. Run the dry run again.');
    expect(screen.getByRole('button', { name: 'Send…' }).hasAttribute('disabled')).toBe(true);
    expect(main.callsTo('batches:preview')).toHaveLength(2);
  });
});
