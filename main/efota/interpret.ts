// What an answer means (REFERENCE §1.4, §5): a FUD body on any status is a FudError; 401/403 are
// authentication; 429 and bare 5xx come from the front door; a 2xx must carry the operation's root
// (or may be empty where no body is promised). Anything else is a ProtocolError.
import { OPERATIONS, type OperationName } from '../../common/efota/operations.ts';
import { AuthError, FudError, ProtocolError, TransportError } from './errors.ts';
import { explainFud } from './fud.ts';
import { retryAfterMs, type RawAnswer } from './http.ts';
import { excerpt, redact } from './redact.ts';
import { readFudBody, scanFudCode } from './responses.ts';
import { readXml, type XmlElement } from './xml.ts';

/** Roots Samsung is known to answer with besides the documented one (REFERENCE §5 #26). */
const ALSO_ACCEPTED: Partial<Record<OperationName, readonly string[]>> = {
  abnormalDeviceList: ['B2bDeviceUpdateStatusVO'],
};

/** Context for reading an answer. */
export interface InterpretContext {
  /** values that must never appear in an error text */
  readonly secrets: readonly string[];
  /** current time, for Retry-After dates */
  readonly now: number;
}

/** Returns the success root (null for an empty success), or throws the typed error the answer means. */
export function interpretAnswer(op: OperationName, answer: RawAnswer, context: InterpretContext): XmlElement | null {
  const { status, text } = answer;
  const xml = readXml(text);
  const fud = xml.ok ? readFudBody(xml.root) : null;
  const code = fud?.code ?? (status >= 400 ? scanFudCode(text) : null);
  if (code && (status >= 400 || (xml.ok && xml.root.name === 'error'))) {
    const message = fud?.message ? redact(fud.message, context.secrets) : null;
    throw new FudError({ operation: op, explanation: explainFud(code), httpStatus: status, local: false, serverMessage: message });
  }
  if (status === 401 || status === 403) throw authError(op, answer, context);
  if (status === 429 || status >= 500) {
    const throttled = status === 429;
    throw new TransportError({
      operation: op,
      kind: throttled ? 'throttled' : 'server',
      // a 429 is the gateway refusing to pass the request on; a bare 5xx may come after the work was done
      mayHaveReachedServer: !throttled,
      httpStatus: status,
      retryAfterMs: retryAfterMs(answer.headers.get('retry-after'), context.now),
      message: throttled
        ? `${op}: the server asked to slow down (HTTP 429); the request was not processed. Try again later.`
        : `${op}: the server failed with HTTP ${status} and no E-FOTA error code${describeBody(answer, context)}. The request may have been processed: its outcome is unknown.`,
    });
  }
  if (status < 200 || status >= 300) {
    throw new ProtocolError({
      operation: op,
      problem: 'unexpected-status',
      httpStatus: status,
      message: `${op}: the server answered HTTP ${status} without an E-FOTA error code${describeBody(answer, context)}. Check the base URL: this does not look like the E-FOTA API.`,
    });
  }

  const expected = OPERATIONS[op].responseRoot;
  if (!xml.ok) {
    if (xml.problem === 'empty' && expected === null) return null;
    throw new ProtocolError({
      operation: op,
      problem: xml.problem === 'empty' ? 'empty' : xml.problem,
      httpStatus: status,
      message: `${op}: the server answered HTTP ${status} but ${xml.detail}${describeBody(answer, context)}; an E-FOTA ${expected ?? op} answer was expected. Check the base URL and any proxy in between.`,
    });
  }
  if (expected === null) return xml.root;
  const accepted = [expected, ...(ALSO_ACCEPTED[op] ?? [])];
  if (!accepted.includes(xml.root.name)) {
    throw new ProtocolError({
      operation: op,
      problem: 'wrong-root',
      httpStatus: status,
      message: `${op}: the server answered <${redact(excerpt(xml.root.name, 60), context.secrets)}> where <${expected}> was expected. Check the base URL.`,
    });
  }
  return xml.root;
}

function authError(op: OperationName, answer: RawAnswer, context: InterpretContext): AuthError {
  let code: string | null = null;
  let description: string | null = null;
  try {
    const json: unknown = JSON.parse(answer.text);
    if (typeof json === 'object' && json !== null) {
      const record = json as Record<string, unknown>;
      if (typeof record['error'] === 'string') code = redact(record['error'], context.secrets);
      if (typeof record['error_description'] === 'string') description = redact(record['error_description'], context.secrets);
    }
  } catch {
    // any body is tolerated on 401/403 (REFERENCE §3): JSON, text or nothing
  }
  const said = code ? ` (${code}${description ? `: ${description}` : ''})` : describeBody(answer, context);
  const advice =
    answer.status === 401
      ? 'The token is missing, expired or invalid: get a new one from the token endpoint.'
      : 'The server refused access: check the base URL and that the REST API key is allowed to use E-FOTA.';
  return new AuthError({
    operation: op,
    httpStatus: answer.status,
    errorCode: code,
    description,
    message: `${op}: authentication failed (HTTP ${answer.status})${said}. ${advice}`,
  });
}

function describeBody(answer: RawAnswer, context: InterpretContext): string {
  const text = answer.text.trim();
  if (text === '') return '';
  const type = answer.headers.get('content-type') ?? '';
  if (/html/i.test(type) || /^<!doctype html|^<html/i.test(text)) return ' (an HTML page)';
  return ` ("${redact(excerpt(text, 120), context.secrets)}")`;
}
