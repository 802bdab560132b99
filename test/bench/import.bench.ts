// `npm run bench:import`: parse + validate time and peak memory of the importer on a 200,000-row CSV
// and a 50,000-row XLSX, through the same entry the window's Worker uses (`importDevices`, bytes in,
// result out). Each case runs in its own process (so one case's memory does not hide the other's),
// reading the file from disk as the CLI does. Prints one JSON object; asserts nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { importDevices } from '../../common/import/index.ts';
import { xlsxBytes, type XlsxCell } from '../unit/import/helpers/xlsx-writer.ts';

const CSV_ROWS = 200_000;
const XLSX_ROWS = 50_000;
/** Runs per case, each in its own process. */
const RUNS = 3;
const GOALS = { csvMs: 1000, xlsxMs: 1500, peakRssMB: 400 };
const MODELS = ['SM-G991B', 'SM-G996B', 'SM-A515F', 'SM-T830', 'SM-X700', 'SM-S911B', 'SM-A536B', 'GT-S8500A'];
const SALES = ['BTU', 'XEU', 'XAR', 'DBT', 'ITV'];

/** Realistic rows: unique 11-character serials, 8 models × 5 sales codes, an IMEI, ~1 % faults. */
function rows(n: number): string[][] {
  const out: string[][] = [['Serial Number', 'Model', 'CSC', 'IMEI']];
  for (let i = 0; i < n; i++) {
    const serial = `R58N${i.toString(36).toUpperCase().padStart(7, '0')}`;
    // about 1 % of rows carry a space inside the serial (an error), as hand-edited lists do
    out.push([i % 97 === 0 ? `${serial.slice(0, 4)} ${serial.slice(4)}` : serial, MODELS[i % MODELS.length]!, SALES[(i >> 3) % SALES.length]!, String(350000000000000 + i)]);
  }
  return out;
}

function mb(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

/** One parse in this process, as the Worker does it: the file's bytes in, the result out. */
async function measure(file: string, fileName: string): Promise<void> {
  const bytes = new Uint8Array(readFileSync(file));
  let sampledPeak = process.memoryUsage().rss;
  const start = performance.now();
  const outcome = await importDevices({ bytes, fileName }, {
    onProgress: () => {
      sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
    },
  });
  const ms = Math.round(performance.now() - start);
  sampledPeak = Math.max(sampledPeak, process.memoryUsage().rss);
  if (!outcome.ok) throw new Error(outcome.failure.message);
  const t = outcome.result.totals;
  process.stdout.write(JSON.stringify({
    ms,
    // the kernel's high-water mark of this process (KiB → MiB), and the RSS sampled during the run
    peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    sampledPeakRssMB: mb(sampledPeak),
    rowsRead: t.read,
    rejected: t.rejected,
    devices: t.devices,
    groups: outcome.result.groups.length,
    findings: outcome.result.findings.length,
  }));
}

function commit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const caseIndex = process.argv.indexOf('--case');
  if (caseIndex !== -1) {
    await measure(process.argv[caseIndex + 1]!, process.argv[caseIndex + 2]!);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'fota-bench-import-'));
  try {
    const csv = join(dir, 'devices.csv');
    writeFileSync(csv, `${rows(CSV_ROWS).map((r) => r.join(',')).join('\r\n')}\r\n`);
    const xlsx = join(dir, 'devices.xlsx');
    writeFileSync(xlsx, xlsxBytes([{ name: 'Devices', rows: rows(XLSX_ROWS) as XlsxCell[][] }]));
    // Each run is a fresh process, like a fresh Worker: no JIT warm-up or heap left from a run before.
    const run = (file: string, name: string, rowCount: number): Record<string, unknown> => {
      const runs: Record<string, number>[] = [];
      for (let i = 0; i < RUNS; i++) {
        const child = spawnSync(process.execPath, [process.argv[1]!, '--case', file, name], { encoding: 'utf8', maxBuffer: 1 << 20 });
        if (child.status !== 0) throw new Error(`bench case ${name} failed: ${child.stderr}`);
        runs.push(JSON.parse(child.stdout) as Record<string, number>);
      }
      const times = runs.map((r) => r['ms']!);
      const { ms: _ms, peakRssMB: _peak, sampledPeakRssMB: _sampled, ...counts } = runs[0]!;
      return {
        rows: rowCount,
        bytes: statSync(file).size,
        runsMs: times,
        medianMs: [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)],
        peakRssMB: Math.max(...runs.map((r) => r['peakRssMB']!)),
        sampledPeakRssMB: Math.max(...runs.map((r) => r['sampledPeakRssMB']!)),
        ...counts,
      };
    };
    const csvResult = run(csv, 'devices.csv', CSV_ROWS);
    const xlsxResult = run(xlsx, 'devices.xlsx', XLSX_ROWS);
    const within = (r: Record<string, unknown>, ms: number): boolean => Number(r['medianMs']) <= ms && Number(r['peakRssMB']) <= GOALS.peakRssMB;
    process.stdout.write(`${JSON.stringify({
      bench: 'import',
      entry: 'common/import importDevices (bytes in, result out), as the Worker calls it',
      date: new Date().toISOString(),
      commit: commit(),
      node: process.version,
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? null,
      runsPerCase: `${RUNS}, each in a fresh process`,
      goals: GOALS,
      csv: { ...csvResult, meetsGoals: within(csvResult, GOALS.csvMs) },
      xlsx: { ...xlsxResult, meetsGoals: within(xlsxResult, GOALS.xlsxMs) },
    }, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
