// The catalogue's explanation of a FUD code, for FudError (common/efota holds the one catalogue).
import { describeFud } from '../../common/efota/fud-catalogue.ts';
import type { FudExplanation } from './errors.ts';

/** Cause and remedy of `code` from the FUD catalogue (a generic text for a code it does not know). */
export function explainFud(code: string): FudExplanation {
  const entry = describeFud(code);
  return { code: entry.code, httpStatus: entry.httpStatus, category: entry.category, cause: entry.cause, remedy: entry.remedy };
}
