// `npm run bench:import`: the importer on a 200,000-row CSV and a 50,000-row XLSX, against the raw
// parse alone (papaparse; read-excel-file) of the same file in the same run. Per case and per run,
// each in a fresh process, one after the other so that the machine's noise falls on all of them:
//   raw      — read the file, parse it with papaparse / read-excel-file, nothing else;
//   import   — read the file, `importDevices` (bytes in, result out), as the window's Worker does;
//   process  — the whole `fota import FILE --json` process, its JSON written to a file.
// Ratios are of medians within this run: import/raw (in-process times) and process/raw-process
// (wall times of the fresh processes, start-up included, as an admin waits for them). Peak RSS is
// the kernel's high-water mark of each process. Prints one JSON object; asserts nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/universal';
import { importDevices } from '../../common/import/index.ts';
import { xlsxBytes, type XlsxCell } from '../unit/import/helpers/xlsx-writer.ts';

const CSV_ROWS = 200_000;
const XLSX_ROWS = 50_000;
/** Runs per case and kind, each in its own process. */
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
/** The goals of issue 20: whole `fota import` process against the raw parse, and its peak memory. */
const GOALS = { csvRatio: 2, xlsxRatio: 1.5, csvJsonPeakRssMB: 300 };
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

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;
const peakMB = (): number => mb(process.resourceUsage().maxRSS * 1024);

/** `raw`: the parser alone, as a program that only wants the cells would call it. */
async function measureRaw(file: string): Promise<void> {
  const start = performance.now();
  const bytes = readFileSync(file);
  let cells: number;
  if (file.endsWith('.csv')) {
    const parsed = Papa.parse<string[]>(new TextDecoder().decode(bytes), { delimiter: ',', header: false, skipEmptyLines: false });
    cells = parsed.data.length;
  } else {
    const data = await readSheet(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 1);
    cells = data.length;
  }
  process.stdout.write(JSON.stringify({ ms: Math.round(performance.now() - start), peakRssMB: peakMB(), rows: cells }));
}

/** `import`: one import in this process, as the Worker does it: the file's bytes in, the result out. */
async function measureImport(file: string, fileName: string): Promise<void> {
  const start = performance.now();
  const bytes = new Uint8Array(readFileSync(file));
  let sampledPeak = process.memoryUsage().rss;
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
    peakRssMB: peakMB(),
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

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;

interface Run {
  readonly wallMs: number;
  readonly report: Record<string, number>;
}

async function main(): Promise<void> {
  const caseIndex = process.argv.indexOf('--case');
  if (caseIndex !== -1) {
    const [kind, file, name] = process.argv.slice(caseIndex + 1);
    await (kind === 'raw' ? measureRaw(file!) : measureImport(file!, name!));
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'fota-bench-import-'));
  // FOTA_BENCH_FOTA: another build's out/node/fota.mjs, to compare the whole process before and after a change.
  const fota = process.env['FOTA_BENCH_FOTA'] ?? fileURLToPath(new URL('./fota.mjs', import.meta.url));
  // Writes the process's peak RSS (KiB) where FOTA_BENCH_PEAK says, as it exits.
  const hook = join(dir, 'peak-hook.mjs');
  writeFileSync(hook, "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.FOTA_BENCH_PEAK, String(process.resourceUsage().maxRSS)));\n");
  try {
    const csv = join(dir, 'devices.csv');
    writeFileSync(csv, `${rows(CSV_ROWS).map((r) => r.join(',')).join('\r\n')}\r\n`);
    const xlsx = join(dir, 'devices.xlsx');
    writeFileSync(xlsx, xlsxBytes([{ name: 'Devices', rows: rows(XLSX_ROWS) as XlsxCell[][] }]));
    // `toFile`: the child's standard output goes to that file (fota's JSON is far past a pipe buffer).
    const timed = (args: string[], env: Record<string, string> = {}, toFile?: string): { wallMs: number; stdout: string } => {
      const fd = toFile === undefined ? null : openSync(toFile, 'w');
      const start = performance.now();
      const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20, env: { ...process.env, ...env }, stdio: ['ignore', fd ?? 'pipe', 'pipe'] });
      const wallMs = Math.round(performance.now() - start);
      if (fd !== null) closeSync(fd);
      // `fota import` exits 2 when some rows have errors, as the generated lists' do
      if (child.status !== 0 && !(toFile !== undefined && child.status === 2)) throw new Error(`bench ${args.join(' ')} failed (${child.status}): ${child.stderr}`);
      return { wallMs, stdout: child.stdout ?? '' };
    };
    const caseRun = (kind: 'raw' | 'import', file: string, name: string): Run => {
      const { wallMs, stdout } = timed([process.argv[1]!, '--case', kind, file, name]);
      return { wallMs, report: JSON.parse(stdout) as Record<string, number> };
    };
    const processRun = (file: string): Run => {
      const out = join(dir, 'out.json');
      const peak = join(dir, 'peak');
      const { wallMs } = timed(['--import', hook, fota, 'import', file, '--json', '--ignore-remembered'], { FOTA_BENCH_PEAK: peak, FOTA_DESK_DATA_DIR: join(dir, 'data') }, out);
      const result = JSON.parse(readFileSync(out, 'utf8')) as { totals: { read: number } };
      return { wallMs, report: { peakRssMB: mb(Number(readFileSync(peak, 'utf8')) * 1024), jsonBytes: statSync(out).size, rowsRead: result.totals.read } };
    };
    const bench = (file: string, name: string, rowCount: number): Record<string, unknown> => {
      const raw: Run[] = [];
      const imp: Run[] = [];
      const proc: Run[] = [];
      // Interleaved, so a busy moment of the shared machine hits every kind alike.
      for (let i = 0; i < RUNS; i++) {
        raw.push(caseRun('raw', file, name));
        imp.push(caseRun('import', file, name));
        proc.push(processRun(file));
      }
      const rawMs = median(raw.map((r) => r.report['ms']!));
      const importMs = median(imp.map((r) => r.report['ms']!));
      const rawWall = median(raw.map((r) => r.wallMs));
      const procWall = median(proc.map((r) => r.wallMs));
      const { ms: _ms, peakRssMB: _p, sampledPeakRssMB: _s, ...counts } = imp[0]!.report;
      return {
        rows: rowCount,
        bytes: statSync(file).size,
        raw: { parser: name.endsWith('.csv') ? 'papaparse' : 'read-excel-file', runsMs: raw.map((r) => r.report['ms']), medianMs: rawMs, processWallMs: raw.map((r) => r.wallMs), medianProcessWallMs: rawWall, peakRssMB: Math.max(...raw.map((r) => r.report['peakRssMB']!)) },
        import: { runsMs: imp.map((r) => r.report['ms']), medianMs: importMs, peakRssMB: Math.max(...imp.map((r) => r.report['peakRssMB']!)), sampledPeakRssMB: Math.max(...imp.map((r) => r.report['sampledPeakRssMB']!)) },
        fotaImportJson: { processWallMs: proc.map((r) => r.wallMs), medianProcessWallMs: procWall, peakRssMB: Math.max(...proc.map((r) => r.report['peakRssMB']!)), jsonBytes: proc[0]!.report['jsonBytes'], rowsRead: proc[0]!.report['rowsRead'] },
        ratio: {
          importToRaw: ratio(importMs, rawMs),
          fotaImportProcessToRawProcess: ratio(procWall, rawWall),
          perRunProcessToRawProcess: proc.map((p, i) => ratio(p.wallMs, raw[i]!.wallMs)),
        },
        ...counts,
      };
    };
    const csvResult = bench(csv, 'devices.csv', CSV_ROWS);
    const xlsxResult = bench(xlsx, 'devices.xlsx', XLSX_ROWS);
    const processRatio = (r: Record<string, unknown>): number => (r['ratio'] as Record<string, number>)['fotaImportProcessToRawProcess']!;
    const csvPeak = (csvResult['fotaImportJson'] as Record<string, number>)['peakRssMB']!;
    process.stdout.write(`${JSON.stringify({
      bench: 'import',
      entry: 'common/import importDevices (bytes in, result out), as the Worker calls it; and the whole `fota import --json` process',
      date: new Date().toISOString(),
      commit: commit(),
      fotaImportBuild: process.env['FOTA_BENCH_FOTA'] ?? 'this build',
      node: process.version,
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? null,
      loadAverage: loadavg().map((l) => Math.round(l * 10) / 10),
      runsPerCase: `${RUNS} of each kind, interleaved, each in a fresh process`,
      goals: GOALS,
      csv: { ...csvResult, meetsGoals: processRatio(csvResult) <= GOALS.csvRatio && csvPeak <= GOALS.csvJsonPeakRssMB },
      xlsx: { ...xlsxResult, meetsGoals: processRatio(xlsxResult) <= GOALS.xlsxRatio },
    }, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
