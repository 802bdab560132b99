// What the send screen does for the admin: each control runs one send action of the slice, keeps the
// screen busy meanwhile, shows main's error or announces what happened, and closes any question.
import { useState } from 'react';
import type { ContractError, Result, SendCallView } from '../../../../common/contract.ts';
import { useApp } from '../../state/app.ts';
import { useHistory } from '../../state/history.ts';
import { useSend } from '../../state/send.ts';

/** A question the send screen asks before acting. */
export type SendQuestion = { readonly kind: 'cancel' } | { readonly kind: 'resend'; readonly call: SendCallView } | null;

/** The controls of the send of one batch. */
export interface SendControls {
  readonly busy: boolean;
  readonly error: ContractError | null;
  readonly ask: SendQuestion;
  setAsk(ask: SendQuestion): void;
  pause(): void;
  resume(): void;
  continuePilot(): void;
  cancel(): void;
  resend(call: SendCallView): void;
  leave(call: SendCallView): void;
  replan(call: SendCallView): void;
  close(): void;
  followInHistory(): void;
}

/** The controls of the send of `batchId`. */
export function useSendControls(batchId: string): SendControls {
  const announce = useApp((s) => s.announce);
  const navigate = useApp((s) => s.navigate);
  const [error, setError] = useState<ContractError | null>(null);
  const [ask, setAsk] = useState<SendQuestion>(null);
  const [busy, setBusy] = useState(false);
  const send = useSend.getState;

  const act = async (call: () => Promise<Result<unknown>>, message: string): Promise<void> => {
    setBusy(true);
    setError(null);
    const result = await call();
    setBusy(false);
    setAsk(null);
    if (!result.ok) setError(result.error);
    else announce(message);
  };

  return {
    busy,
    error,
    ask,
    setAsk,
    pause: () => void act(() => send().pause(batchId), 'Pausing after the calls in flight.'),
    resume: () => void act(() => send().resume(batchId), 'Sending again.'),
    continuePilot: () => void act(() => send().continuePilot(batchId), 'Sending the rest after the pilot.'),
    cancel: () => void act(() => send().cancel(batchId), 'The rest of the send was cancelled.'),
    resend: (call) => void act(() => send().resend(batchId, [call.id]), `Re-sending ${call.id}.`),
    leave: (call) => void act(() => send().leave(batchId, [call.id]), `${call.id} left: it will never be re-sent.`),
    replan: (call) => void act(() => send().replan(batchId, call.id), `${call.id} re-planned and sent again.`),
    // Closing neither marks the screen busy nor announces: the builder it returns to says enough.
    close: () =>
      void send()
        .close(batchId)
        .then((r) => {
          if (!r.ok) setError(r.error);
          else navigate('batch');
        }),
    followInHistory: () => {
      navigate('history');
      void useHistory.getState().openDetail(batchId);
    },
  };
}
