// "Copy diagnostics": what a Samsung support ticket (or our own) needs and nothing secret — the app
// version, the OS, the failing operation and its FUD code, the last failures (failure-log.ts), and
// the last 200 log lines, redacted again on the way out (a line written by an older version, or
// edited by hand, gets the same care).
import { existsSync, readFileSync } from 'node:fs';
import { arch, platform, release, type as osType } from 'node:os';
import { LOG_FILE, type LoggedFailure, type Logger } from './logger.ts';
import type { Redactor } from './redactor.ts';

/** Lines of log a diagnostics report carries. */
export const DIAGNOSTIC_LINES = 200;

/** What a diagnostics report holds. */
export interface Diagnostics {
  readonly app: string;
  readonly appVersion: string;
  readonly os: string;
  readonly node: string;
  readonly generatedAt: string;
  /** the failure to report: the one given, else the last one in the log */
  readonly failure: LoggedFailure | null;
  /** the last failures found in the log, oldest first */
  readonly failures: readonly LoggedFailure[];
  /** the active profile and what its server was seen to do (e.g. serverInit's sales-code element), when known */
  readonly profile?: DiagnosticsProfile;
  readonly logLines: readonly string[];
}

/** The active profile's name and facts learnt about its server, as a diagnostics report shows them. */
export interface DiagnosticsProfile {
  readonly name: string;
  readonly facts: Readonly<Record<string, string>>;
}

/** Failures a report lists. */
export const DIAGNOSTIC_FAILURES = 10;

// Written at warn level since failures are expected events; older versions wrote them as errors.
const FAILURE = /^(\S+) (?:WARN|ERROR) +failure operation=(\S+) code=(\S+) ?(.*)$/;

/** Reads a failure line back. */
export function parseFailureLine(line: string): LoggedFailure | null {
  const m = FAILURE.exec(line);
  if (!m) return null;
  const message = (m[4] ?? '').replace(/ \{".*$/, '');
  return { at: m[1] ?? '', operation: m[2] ?? '', code: m[3] ?? '', message };
}

/** The last `count` lines across the log's files (oldest file first) and its queue, each redacted again. */
export function lastLogLines(log: Logger, count: number = DIAGNOSTIC_LINES): string[] {
  // Lines this process logged a moment ago may still be on their way to the disk.
  const lines: string[] = log.unwritten().slice(-count);
  const files = log.files().reverse();
  for (const file of files) {
    if (lines.length >= count) break;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const fileLines = text.split('\n').filter((l) => l !== '');
    lines.unshift(...fileLines.slice(Math.max(0, fileLines.length - (count - lines.length))));
  }
  return lines.slice(-count).map((l) => log.redactor.redact(l));
}

/** FOTA Desk's version from package.json (next to the sources, or next to the CLI bundle). */
export function appVersion(): string {
  for (const candidate of ['../../package.json', '../../../package.json', '../package.json']) {
    try {
      const url = new URL(candidate, import.meta.url);
      if (!existsSync(url)) continue;
      const pkg = JSON.parse(readFileSync(url, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'fota-desk' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // try the next place
    }
  }
  return 'unknown';
}

/** Describes the OS, e.g. `Linux 6.1.0 (linux x64)`. */
export function osDescription(): string {
  return `${osType()} ${release()} (${platform()} ${arch()})`;
}

/** Collects a diagnostics report. `failure` overrides the last failure found in the log. */
export function collectDiagnostics(
  log: Logger,
  options: { readonly appVersion?: string; readonly failure?: LoggedFailure | null; readonly now?: number; readonly profile?: DiagnosticsProfile } = {},
): Diagnostics {
  const logLines = lastLogLines(log);
  const failures = logLines.map(parseFailureLine).filter((f): f is LoggedFailure => f !== null).slice(-DIAGNOSTIC_FAILURES);
  const failure = options.failure ?? log.lastFailure ?? failures.at(-1) ?? null;
  const redact = (f: LoggedFailure | null, r: Redactor): LoggedFailure | null => (f ? { at: f.at, operation: r.redact(f.operation), code: r.redact(f.code), message: r.redact(f.message) } : null);
  return {
    app: 'FOTA Desk',
    appVersion: options.appVersion ?? appVersion(),
    os: osDescription(),
    node: process.versions.node,
    generatedAt: new Date(options.now ?? Date.now()).toISOString(),
    failure: redact(failure, log.redactor),
    failures: failures.map((f) => redact(f, log.redactor) as LoggedFailure),
    ...(options.profile ? { profile: options.profile } : {}),
    logLines,
  };
}

/** The report as text to paste into a support ticket. */
export function diagnosticsText(d: Diagnostics): string {
  const failure = d.failure
    ? [`Failing operation: ${d.failure.operation}`, `FUD code / error: ${d.failure.code}`, `When: ${d.failure.at}`, `Message: ${d.failure.message}`]
    : ['Failing operation: none recorded in the log'];
  return [
    `${d.app} diagnostics (tokens and secrets are redacted)`,
    `App version: ${d.appVersion}`,
    `OS: ${d.os}`,
    `Node: ${d.node}`,
    `Generated: ${d.generatedAt}`,
    ...failure,
    ...(d.profile ? [`Profile: ${d.profile.name}`, ...Object.entries(d.profile.facts).map(([key, value]) => `  ${key}: ${value}`)] : []),
    '',
    d.failures.length > 0 ? `Last ${d.failures.length} failure(s), oldest first:` : 'No failure in the log lines below.',
    ...d.failures.map((f) => `  ${f.at}  ${f.operation}  ${f.code}  ${f.message}`),
    '',
    `Last ${d.logLines.length} log line(s) of ${LOG_FILE}:`,
    ...d.logLines,
    '',
  ].join('\n');
}
