// The result of "Test the network path": which way the calls of a profile go (proxy, certificates).
import type { ProxySelfTestResult } from '../../../../common/contract.ts';

/** A self-test that is running, or its result for the named profile. */
export type SelfTestState = { readonly name: string; readonly result: ProxySelfTestResult } | 'running' | null;

/** The note of the last network self-test; nothing before the first. */
export function NetworkSelfTestNote({ state }: { readonly state: SelfTestState }) {
  if (state === null) return null;
  return (
    <div className={state === 'running' ? 'note note-info' : state.result.ok ? 'note note-ok' : 'note note-warning'} data-testid="network-self-test">
      {state === 'running' ? (
        <p>Testing the network path…</p>
      ) : (
        <>
          <p>
            <strong>{state.name}:</strong> {state.result.message}
          </p>
          {state.result.routes.length > 0 && <p className="code">Route: {state.result.routes.map((r) => r.text).join('; ')}</p>}
        </>
      )}
    </div>
  );
}
