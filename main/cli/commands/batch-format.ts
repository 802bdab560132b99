// Human-readable text of batches and their dry run for the `fota batch …` commands (not a command
// itself: it exports no `command`, so the registry passes it by).
import type { BatchFinding } from '../../../common/batch/check.ts';
import type { Batch, Stamp, TargetSource } from '../../../common/batch/model.ts';
import type { Plan } from '../../../common/batch/plan.ts';
import { describeWindow, type Preview } from '../../../common/batch/preview.ts';
import { formatAge, hostUtcOffset } from '../../../common/batch/time-text.ts';
import { formatGmt } from '../../../common/efota/dates.ts';
import { summaryText } from './send-format.ts';

/** How many calls, findings and excluded devices a human listing shows before "… N more". */
export const LIST_LIMIT = 40;

/** `2026-11-01 10:00 GMT by alice on laptop-1`. */
export function stampText(s: Stamp): string {
  return `${formatGmt(Date.parse(s.at))} by ${s.by.user} on ${s.by.host}`;
}

/** Where a target came from, in words (nothing for `Latest`, which says it all). */
export function sourceText(source: TargetSource): string {
  return source === 'firmwareList' ? ' (from the firmware list)' : source === 'typed' ? ' (typed)' : '';
}

function more(total: number, shown: number, hint: string): string[] {
  return total > shown ? [`    … ${total - shown} more (${hint})`] : [];
}

/** One line per batch for `fota batch list`. */
export function batchLine(b: Batch): string {
  const immediate = b.groups.filter((g) => g.mode.kind === 'immediate').length;
  const scheduled = b.groups.length - immediate;
  const modes = [immediate ? `${immediate} immediate` : '', scheduled ? `${scheduled} scheduled` : ''].filter(Boolean).join(', ');
  return `${b.name}  (id ${b.id})\n    ${b.devices.length} devices, ${b.excluded.length} excluded; ${b.groups.length} group${b.groups.length === 1 ? '' : 's'} (${modes || 'none'}); customer ${b.customerId}\n    created ${stampText(b.created)}; edited ${stampText(b.edited)}${b.handoff ? `\n    imported from ${b.handoff.fileName}` : ''}`;
}

/** The header every batch view starts with: name, id, tenant, who prepared it, hand-off origin. */
export function batchHeader(b: Pick<Batch, 'name' | 'id' | 'customerId' | 'created' | 'edited' | 'notes' | 'handoff'>): string[] {
  const lines = [`Batch '${b.name}' (id ${b.id}) for customer ID ${b.customerId}`, `  created ${stampText(b.created)}`, `  edited  ${stampText(b.edited)}`];
  if (b.handoff) {
    lines.push(`  hand-off file ${b.handoff.fileName}: prepared ${stampText(b.handoff.prepared)}; imported ${stampText(b.handoff.imported)}`);
  }
  if (b.notes.trim() !== '') lines.push(`  notes: ${b.notes.trim().replace(/\n/g, '\n         ')}`);
  return lines;
}

/** Text of `fota batch show`. */
export function showText(b: Batch, options: { devices: boolean }): string {
  const lines = batchHeader(b);
  lines.push('', `Sources (${b.sources.length}):`);
  for (const s of b.sources) lines.push(`  ${s.fileName}: ${s.devices} devices, imported ${formatGmt(Date.parse(s.importedAt))}, SHA-256 ${s.sha256}`);
  lines.push('', `Groups (${b.groups.length}):`);
  for (const g of b.groups) {
    const count = b.devices.filter((d) => d.model === g.model && d.salesCode === g.salesCode).length;
    const target = `target ${g.target}${sourceText(g.targetSource)}${g.pinnedTarget ? `, pinned to ${g.pinnedTarget}` : ''}`;
    const mode = g.mode.kind === 'immediate'
      ? `immediate, network ${g.mode.network}`
      : `scheduled for all devices of group ${g.mode.groupId}, ${describeWindow(g.mode.window, hostUtcOffset)?.gmt ?? `${g.mode.window.startDate}–${g.mode.window.endDate} ${g.mode.window.startHour}–${g.mode.window.endHour} h GMT (not a valid window)`}`;
    lines.push(`  ${g.model}/${g.salesCode}: ${count} devices; ${mode}; ${target}`);
  }
  lines.push('', `Pilot: ${b.pilot === null ? 'none' : b.pilot.kind === 'devices' ? `the first ${b.pilot.count} devices, then pause` : 'the first call of each group, then pause'}`);
  lines.push(`Abnormal-device check: ${b.abnormalCheck ? `last ran ${formatGmt(Date.parse(b.abnormalCheck.at))}, ${b.abnormalCheck.checked} serials, ${b.abnormalCheck.reported.length} reported` : 'never ran (run fota batch plan while online)'}`);
  lines.push(...excludedText(b));
  if (b.takenBack.length > 0) lines.push(`Taken back by the admin despite the check (${b.takenBack.length}): ${b.takenBack.join(', ')}`);
  if (options.devices) {
    lines.push('', `Devices (${b.devices.length}):`);
    for (const d of b.devices) lines.push(`  ${d.serial}  ${d.model}/${d.salesCode}${d.source ? `  (${d.source.fileName} row ${d.source.row})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function excludedText(b: Pick<Batch, 'excluded'>): string[] {
  if (b.excluded.length === 0) return ['Excluded: none'];
  const reasons = new Map<string, number>();
  for (const x of b.excluded) reasons.set(x.reason, (reasons.get(x.reason) ?? 0) + 1);
  const byReason = [...reasons].map(([reason, n]) => `${n} ${reason}`).join(', ');
  const lines = [`Excluded (${b.excluded.length}: ${byReason}) — not sent; take one back with: fota batch include <batch> <serial>`];
  for (const x of b.excluded.slice(0, LIST_LIMIT)) {
    lines.push(`  ${x.serial}  ${x.model}/${x.salesCode}  ${x.reason}  (${x.by === 'admin' ? 'by the admin' : 'reported by abnormalDeviceList'}, ${formatGmt(Date.parse(x.excludedAt))})`);
  }
  lines.push(...more(b.excluded.length, LIST_LIMIT, 'fota batch show --json lists all'));
  return lines;
}

/** One finding as a line. */
export function findingLine(f: BatchFinding): string {
  return `  ${f.severity === 'error' ? 'ERROR  ' : 'warning'}  [${f.where}] ${f.message}${f.fud ? ` (${f.fud})` : ''}`;
}

/** Findings, errors first, capped. */
export function findingsText(findings: readonly BatchFinding[]): string[] {
  const sorted = [...findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const errors = findings.filter((f) => f.severity === 'error').length;
  const lines = [`Findings: ${errors} error${errors === 1 ? '' : 's'}, ${findings.length - errors} warning${findings.length - errors === 1 ? '' : 's'}`];
  lines.push(...sorted.slice(0, LIST_LIMIT).map(findingLine), ...more(sorted.length, LIST_LIMIT, '--json lists all'));
  return lines;
}

/** Text of the dry run (`fota batch plan`, and the plan part of `fota batch import`); `command` is how to send it again with `--include-open`. */
export function previewText(p: Preview, plan: Plan, command = `fota batch send '${p.batch.name}'`): string {
  const t = p.totals;
  const lines = batchHeader({ ...p.batch });
  lines.push('');
  const pilot = t.pilotCalls > 0 ? `; pilot: the first ${t.pilotCalls} call${t.pilotCalls === 1 ? '' : 's'}, then a pause for review` : '';
  lines.push(`Plan: ${t.calls} call${t.calls === 1 ? '' : 's'} (${t.forceUpdateCalls} forceUpdate, ${t.serverInitCalls} serverInit); ${t.devicesToSend} devices to send; ${t.excluded} excluded; ${t.imported} devices in the batch${pilot}`);
  lines.push('', 'Groups:');
  for (const g of p.groups) {
    const target = `target ${g.target}${g.target !== g.chosenTarget ? ` (pinned; chosen: ${g.chosenTarget})` : ''}${sourceText(g.targetSource)}`;
    if (g.mode === 'immediate') {
      lines.push(`  ${g.key}  immediate forceUpdate, network ${g.network ?? '?'}, ${target}`);
      lines.push(`      ${g.devices} devices in ${g.calls} call${g.calls === 1 ? '' : 's'}${g.excluded ? `, ${g.excluded} excluded` : ''} — ${g.scope}`);
    } else {
      lines.push(`  ${g.key}  SCHEDULED serverInit, ${target}`);
      lines.push(`      scope: ${g.scope}`);
      if (g.window) lines.push(`      window: ${g.window.gmt}`, `              ${g.window.local}`);
      lines.push(`      ${g.serialsForInformation.length} imported serials, for information only (Samsung chooses the devices); no forceUpdateId is returned`);
    }
  }
  lines.push('', 'Calls, in send order:');
  if (plan.calls.length === 0) lines.push('  none: no device is left to send');
  plan.calls.slice(0, LIST_LIMIT).forEach((c, i) => {
    const what = c.operation === 'forceUpdate' ? `${c.serials.length} serial${c.serials.length === 1 ? '' : 's'}` : `group ${c.groupId ?? ''}`;
    lines.push(`  ${String(i + 1).padStart(4)}. ${c.id}  ${c.operation}  ${what}${c.pilot ? '  [pilot]' : ''}`);
  });
  lines.push(...more(plan.calls.length, LIST_LIMIT, '--json lists all'));
  if (t.pilotCalls > 0) lines.push(`  (sending pauses after call ${t.pilotCalls} for review)`);

  lines.push('');
  const l = p.license;
  if (l) {
    const inside = l.expiresInsideWindowOf.length > 0 ? `; ends INSIDE the window of ${l.expiresInsideWindowOf.join(', ')}` : '';
    lines.push(`Licence: ${l.status ?? '?'}, type ${l.type ?? '?'}, active ${l.activePeriod ?? '?'}${l.expiresOn ? ` (expires ${l.expiresOn})` : ''}; seats ${l.remainingQuantity ?? '?'} of ${l.purchasedQuantity ?? '?'} free${inside}`);
    lines.push(`  as of ${formatGmt(Date.parse(l.fetchedAt))} (${formatAge(l.ageMs)} ago)`);
  } else {
    lines.push('Licence: unknown (never fetched for this profile; run fota license while online)');
  }
  const a = p.abnormal;
  const last = a.lastRanAt ? `last ran ${formatGmt(Date.parse(a.lastRanAt))} (${formatAge(a.ageMs ?? 0)} ago): ${a.checked} serials checked, ${a.reported} reported` : 'never ran';
  switch (a.run.kind) {
    case 'ran':
      lines.push(`Abnormal-device check: ran now — ${a.checked} serials checked, ${a.reported} reported; ${a.run.newlyExcluded} newly excluded, ${a.run.restored} back in`);
      break;
    case 'skipped':
      lines.push(`Abnormal-device check: not run now (${a.run.reason}); ${last}`);
      break;
    case 'failed':
      lines.push(`Abnormal-device check: FAILED now (${a.run.message}); ${last}`);
      break;
  }
  lines.push(...excludedText(p));
  lines.push('', ...summaryText(p.summary, command));
  lines.push('', ...findingsText(p.findings), '');
  lines.push(
    !p.sendable ? `Result: NOT ready — ${p.errors} error${p.errors === 1 ? '' : 's'} to fix first. Nothing has been sent.`
    : p.summary.nothingToSend ? `Result: ${p.summary.nothingToSend} Nothing has been sent.`
    : 'Result: ready to send (no errors). Nothing has been sent.',
  );
  return `${lines.join('\n')}\n`;
}
