/** How bad a finding is: an error blocks sending; a warning is shown and never blocks. */
export type Severity = 'error' | 'warning';

/** One problem found with one value, phrased for an IT admin. */
export interface Finding {
  /** the request element (or spreadsheet role) the value belongs to, e.g. `serialNumber` */
  readonly element: string;
  /** the value as given (after normalisation, when normalisation applies) */
  readonly value: string;
  readonly severity: Severity;
  /** the FUD code Samsung would answer with, or null for a warning Samsung would not raise */
  readonly fud: string | null;
  /** what is wrong and what to do, in one or two sentences */
  readonly message: string;
}
