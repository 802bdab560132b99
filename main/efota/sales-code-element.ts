// v1 serverInit's sales-code element has two documented names: seed 002 (the older SEAP page) writes
// `<customerCode>`, the current page, the v1 tutorial and the error table `<carrierCode>`. A server
// that reads only one of them answers FUD_1007 ("missing") to the other (docs/efota-api.md §5 #11). The
// client sends carrierCode first, resends once with the other name on such a FUD_1007, and keeps
// (per profile) the name the server was seen to read.
import type { SalesCodeElement, SalesCodeElementMemory } from '../../common/efota/sales-code-names.ts';
import { FudError } from './errors.ts';

/** The other name. */
export function otherSalesCodeElement(element: SalesCodeElement): SalesCodeElement {
  return element === 'carrierCode' ? 'customerCode' : 'carrierCode';
}

/**
 * True when `error` shows the server did not read the sales code under `sent`: E-FOTA's own FUD_1007
 * (not a local refusal, not on a 5xx), with no message, or with a message naming `sent` and not its
 * length. FUD_1007 means "absent or over 20 bytes"; the value already passed the 1–20 rule before
 * sending, so without a message saying otherwise the element was absent to the server.
 */
export function retryWithOtherElement(error: unknown, sent: SalesCodeElement): boolean {
  if (!(error instanceof FudError) || error.local || error.code !== 'FUD_1007') return false;
  if (error.httpStatus === null || error.httpStatus >= 500) return false;
  const message = error.serverMessage;
  if (message === null) return true;
  return message.toLowerCase().includes(sent.toLowerCase()) && !/long|length|byte|size|exceed|char/i.test(message);
}

/** The error for a server that answered FUD_1007 to both names: it says both were tried. */
export function neitherElementRead(error: FudError): FudError {
  return new FudError({
    operation: error.operation,
    explanation: { code: error.code, httpStatus: error.httpStatus, category: error.category, cause: error.fudCause, remedy: error.remedy },
    httpStatus: error.httpStatus,
    local: false,
    serverMessage: error.serverMessage,
    detail: 'the server reported the sales code missing under both documented names, carrierCode and then customerCode (one resend, nothing was scheduled). Check the base URL and that the sales code is the one the devices report.',
  });
}

/** Which sales-code element a client sends first and how it learns which one the server reads. */
export function salesCodeTracker(memory: SalesCodeElementMemory | undefined): {
  first(): Promise<SalesCodeElement>;
  learnt(element: SalesCodeElement): Promise<void>;
  afterFailure(element: SalesCodeElement, error: unknown): Promise<void>;
} {
  let known: SalesCodeElement | null = null;
  const learnt = async (element: SalesCodeElement): Promise<void> => {
    if (known === element) return;
    const before = known ?? (await recall());
    known = element;
    if (before === element || !memory) return;
    try {
      await memory.remember(element);
    } catch {
      // The call's outcome counts; a memory that cannot write reports that itself (see its implementation).
    }
  };
  const recall = async (): Promise<SalesCodeElement | null> => {
    try {
      return (await memory?.recall()) ?? null;
    } catch {
      return null;
    }
  };
  return {
    async first() {
      known ??= await recall();
      return known ?? 'carrierCode';
    },
    learnt,
    async afterFailure(element, error) {
      // A processing error (3xxx) comes after every element was read: the server read this one.
      if (error instanceof FudError && !error.local && error.category === 'processing') await learnt(element);
    },
  };
}
