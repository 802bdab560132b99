// The two documented names of v1 serverInit's sales-code element, and where a profile keeps the one
// the server reads (docs/efota-api.md §5 #11). Here, not in main/efota, because the settings schema in
// main/store checks the remembered name and main/store sits below main/efota; the resend rule stays in
// main/efota/sales-code-element.ts.
/** The two names v1 serverInit's sales code is documented under. */
export type SalesCodeElement = 'carrierCode' | 'customerCode';

/** Both names, the current pages' first. */
export const SALES_CODE_ELEMENTS: readonly SalesCodeElement[] = ['carrierCode', 'customerCode'];

/** True for one of the two names. */
export function isSalesCodeElement(value: unknown): value is SalesCodeElement {
  return value === 'carrierCode' || value === 'customerCode';
}

/** Where the client keeps which name the server reads (a profile's settings, in the app and the CLI). */
export interface SalesCodeElementMemory {
  /** the name the server was last seen to read, or null when not known yet */
  recall(): Promise<SalesCodeElement | null>;
  /** keeps `element` as the name the server reads; reports its own failures, may throw */
  remember(element: SalesCodeElement): Promise<void>;
}
