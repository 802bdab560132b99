// What an answer means (docs/efota-api.md §1.4, §5). A FUD body on any status is a FudError; 401/403, and a
// gateway's JSON complaint about the token on 400, are authentication; 429 and bare 5xx come from the
// front door. A 2xx is not success by itself: an `<error>` body or an HTML page (a captive portal,
// a proxy's sign-in) is never read as one, and a 2xx must carry the operation's root (or may be empty
// where no body is promised). Anything else is a ProtocolError.
import { OPERATIONS, type OperationName } from '../../common/efota/operations.ts';
import { AuthError, FudError, ProtocolError, TransportError, type CallName } from './errors.ts';
import { explainFud } from './fud.ts';
import { retryAfterMs, type RawAnswer } from './http.ts';
import { excerpt, redact } from './redact.ts';
import { readFudBody, scanFudCode } from './responses.ts';
import { readXml, textOf, type XmlElement } from './xml.ts';

/** Roots Samsung is known to answer with besides the documented one (docs/efota-api.md §5 #26). */
const ALSO_ACCEPTED: Partial<Record<OperationName, readonly string[]>> = {
  abnormalDeviceList: ['B2bDeviceUpdateStatusVO'],
};

// forceUpdateDetail's answer was never documented (docs/efota-api.md §2.8): its root is our guess, so any
// root is read (by shape, see detail-shape.ts) rather than refused.
const ANY_ROOT: ReadonlySet<OperationName> = new Set(['forceUpdateDetail']);

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
  const errorRoot = xml.ok && xml.root.name.toLowerCase() === 'error';
  // A FUD code counts wherever an error body carries it; on a 2xx only in an <error> (even a broken one).
  const code = fud?.code ?? (status >= 400 || /^\s*(<\?xml[^>]*>\s*)?<error[\s>]/i.test(text) ? scanFudCode(text) : null);
  if (code && (status >= 400 || errorRoot || !xml.ok)) {
    const message = fud?.message ? redact(fud.message, context.secrets) : null;
    throw new FudError({ operation: op, explanation: explainFud(code), httpStatus: status, local: false, serverMessage: message });
  }
  if (status === 401 || status === 403 || (status === 400 && gatewayComplaint(answer)?.aboutToken === true)) throw authError(op, answer, context);
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

  // From here on the status says success; the body has to agree.
  if (isHtml(answer, xml.ok ? xml.root : null)) throw htmlPageError(op, answer, context.secrets);
  if (errorRoot) throw errorBody(op, xml.root, status, context);
  const expected = OPERATIONS[op].responseRoot;
  if (!xml.ok) {
    if (xml.problem === 'empty' && expected === null) return null;
    throw new ProtocolError({
      operation: op,
      problem: xml.problem === 'empty' ? 'empty' : xml.problem,
      httpStatus: status,
      message: `${op}: the server answered HTTP ${status} but ${xml.detail}${describeBody(answer, context)}; an E-FOTA ${expected ?? op} answer was expected. Check the base URL and any proxy in between.${outcomeNote(op)}`,
    });
  }
  if (expected === null || ANY_ROOT.has(op)) return xml.root;
  const accepted = [expected, ...(ALSO_ACCEPTED[op] ?? [])];
  if (!accepted.includes(xml.root.name)) {
    throw new ProtocolError({
      operation: op,
      problem: 'wrong-root',
      httpStatus: status,
      message: `${op}: the server answered <${redact(excerpt(xml.root.name, 60), context.secrets)}> where <${expected}> was expected. Check the base URL.${outcomeNote(op)}`,
    });
  }
  return xml.root;
}

/** True when an answer is a refusal of the token that a renewed token may cure: any 401, or a 400/403 whose JSON body is about the token. */
export function refusesToken(answer: RawAnswer): boolean {
  if (answer.status === 401) return true;
  if (answer.status !== 400 && answer.status !== 403) return false;
  return gatewayComplaint(answer)?.aboutToken === true;
}

/** What a gateway's JSON body says: OAuth's `error`/`error_description`, or a nested `error: {message, reason}`. */
interface GatewayComplaint {
  readonly code: string | null;
  readonly description: string | null;
  readonly aboutToken: boolean;
}

// Layer7-style gateways answer token problems in OAuth's words (docs/efota-api.md §3 and PS): these codes, or
// a description naming the token, are about the bearer token, not about the E-FOTA request.
const TOKEN_ERRORS = new Set(['invalid_request', 'invalid_token', 'unauthorized', 'unauthorized_client', 'access_denied', 'insufficient_scope', 'authorization_fail']);

function gatewayComplaint(answer: RawAnswer): GatewayComplaint | null {
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const record = json as Record<string, unknown>;
  const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  let code = str(record['error']);
  let description = str(record['error_description']) ?? str(record['message']);
  const nested = record['error'];
  if (typeof nested === 'object' && nested !== null && !Array.isArray(nested)) {
    const inner = nested as Record<string, unknown>;
    code = str(inner['message']) ?? (typeof inner['code'] === 'number' ? String(inner['code']) : str(inner['code']));
    description = str(inner['reason']) ?? description;
  }
  if (code === null && description === null) return null;
  const aboutToken = (code !== null && TOKEN_ERRORS.has(code.toLowerCase())) || /\btoken\b|authori[sz]ation|bearer|api key/i.test(description ?? '');
  return { code, description, aboutToken };
}

function authError(op: OperationName, answer: RawAnswer, context: InterpretContext): AuthError {
  const complaint = gatewayComplaint(answer);
  const code = complaint?.code ? redact(complaint.code, context.secrets) : null;
  const description = complaint?.description ? redact(complaint.description, context.secrets) : null;
  const said = code || description ? ` (${[code, description].filter(Boolean).join(': ')})` : describeBody(answer, context);
  const missing = /missing access token/i.test(description ?? '')
    ? ' The gateway saw no token at all: a proxy in between may strip the Authorization header, or the base URL points elsewhere.'
    : '';
  const advice =
    answer.status === 403 && !complaint?.aboutToken
      ? 'The server refused access: check the base URL and that the REST API key is allowed to use E-FOTA.'
      : `The token is missing, expired or invalid: get a new one from the token endpoint (a profile renews it once by itself).${missing}`;
  return new AuthError({
    operation: op,
    httpStatus: answer.status,
    errorCode: code,
    description,
    message: `${op}: authentication failed (HTTP ${answer.status})${said}. ${advice}`,
  });
}

/** True when an answer is an HTML page: by its Content-Type, a `<!DOCTYPE html>`, or an `<html>` root. */
export function isHtml(answer: RawAnswer, root: XmlElement | null = null): boolean {
  if (/html/i.test(answer.headers.get('content-type') ?? '')) return true;
  if (root && root.name.toLowerCase() === 'html') return true;
  return /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html[\s>])/i.test(answer.text.replace(/^\uFEFF/, ''));
}

/**
 * The error for an HTML page where E-FOTA's (or the token endpoint's) answer belongs. Sent to a
 * network that wants a sign-in first, a request goes to the portal instead of Samsung; a 200 with
 * its page must never read as "registered" or "scheduled".
 */
export function htmlPageError(call: CallName, answer: RawAnswer, secrets: readonly string[]): ProtocolError {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(answer.text)?.[1];
  const named = title && title.trim() !== '' ? ` ("${redact(excerpt(title, 80), secrets)}")` : '';
  return new ProtocolError({
    operation: call,
    problem: 'html-page',
    httpStatus: answer.status,
    message:
      `${call}: the answer (HTTP ${answer.status}) is an HTML page${named}, not E-FOTA's answer: a captive portal (hotel or guest Wi-Fi sign-in) or a proxy's sign-in or block page is in the way. ` +
      `Sign in to the network (open any web page in a browser) or ask IT about the proxy, then try again.${call === 'token' ? '' : outcomeNote(call)}`,
  });
}

function errorBody(op: OperationName, root: XmlElement, status: number, context: InterpretContext): ProtocolError {
  const parts = [textOf(root, 'code'), textOf(root, 'message')].filter((p): p is string => p !== null && p !== '');
  const said = parts.length > 0 ? ` (${redact(excerpt(parts.join(': '), 160), context.secrets)})` : '';
  return new ProtocolError({
    operation: op,
    problem: 'error-body',
    httpStatus: status,
    message: `${op}: the server answered HTTP ${status} with an error${said} that carries no E-FOTA error code, so this is not a success.${outcomeNote(op)}`,
  });
}

// A state-changing call whose answer cannot be read may still have been carried out.
function outcomeNote(op: OperationName): string {
  return OPERATIONS[op].changesState ? ' Whether the request reached Samsung is unknown: check before sending it again.' : '';
}

function describeBody(answer: RawAnswer, context: InterpretContext): string {
  const text = answer.text.trim();
  if (text === '') return '';
  const type = answer.headers.get('content-type') ?? '';
  if (/html/i.test(type) || /^<!doctype html|^<html/i.test(text)) return ' (an HTML page)';
  return ` ("${redact(excerpt(text, 120), context.secrets)}")`;
}
