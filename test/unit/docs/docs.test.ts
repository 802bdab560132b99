// The documentation stays honest: the README is a front door of at most 200 lines, every relative
// link in it and in docs/ reaches a file (and heading), every `docs/efota-api.md §…` a code comment
// cites is a real section, no comment cites the unshipped reference file any more, the FUD table
// agrees with the catalogue, and the CLI reference names every command, flag and exit code.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FUD_CATALOGUE } from '../../../common/efota/fud-catalogue.ts';
import { EXIT } from '../../../main/cli/exit-codes.ts';
import { loadCommands } from '../../../main/cli/registry.ts';
import { citedPlaces, hasPlace, headings, links, section, type Heading } from './markdown.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

const DOCS = readdirSync(path.join(ROOT, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => `docs/${f}`);
const API = read('docs/efota-api.md');
const CLI = read('docs/cli.md');

// Folders of code, tests, scripts and fixtures whose comments may cite the API document.
const SOURCE_DIRS = ['common', 'main', 'preload', 'renderer', 'test', 'scripts', 'eslint-rules', 'bin'];
const SOURCE_FILE = /\.(ts|tsx|js|mjs|cjs|sh|py|xml|md|yml|json)$/;
const SELF = fileURLToPath(import.meta.url);

function sourceFiles(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(rel);
    return SOURCE_FILE.test(entry.name) ? [rel] : [];
  });
}

const SOURCES = SOURCE_DIRS.flatMap(sourceFiles).filter((f) => path.join(ROOT, f) !== SELF);

describe('the README', () => {
  const readme = read('README.md');

  it('is a front door of at most 200 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(200);
  });

  it('still names the test command and the four ways to run FOTA Desk', () => {
    for (const command of ['npm test', 'npm start', 'npm run start:web', 'npm run fota --']) {
      expect(readme, command).toContain(`\`${command}`);
    }
  });
});

describe('links', () => {
  const pages = ['README.md', ...DOCS];

  it.each(pages)('every relative link in %s reaches a file, and a heading when it names one', (page) => {
    const broken: string[] = [];
    for (const link of links(read(page))) {
      if (/^[a-z]+:/i.test(link.target)) continue;
      const [file = '', anchor] = link.target.split('#');
      const target = file === '' ? page : path.join(path.dirname(page), file);
      if (!existsSync(path.join(ROOT, target))) {
        broken.push(`line ${link.line}: ${link.target} (no file ${target})`);
        continue;
      }
      if (anchor === undefined || !target.endsWith('.md') || statSync(path.join(ROOT, target)).isDirectory()) continue;
      const anchors = headings(read(target)).map((h) => h.anchor);
      if (!anchors.includes(anchor)) broken.push(`line ${link.line}: ${link.target} (no heading #${anchor} in ${target})`);
    }
    expect(broken).toEqual([]);
  });
});

describe('citations of docs/efota-api.md', () => {
  const citing = SOURCES.filter((f) => read(f).includes('docs/efota-api.md'));

  it('are made by the code', () => {
    expect(citing.length).toBeGreaterThan(40);
  });

  it('name sections, table rows and appendices that exist', () => {
    const missing = citing.flatMap((file) =>
      citedPlaces(read(file))
        .filter((place) => !hasPlace(API, place))
        .map((place) => `${file}: ${JSON.stringify(place)}`),
    );
    expect(missing).toEqual([]);
  });

  it('have replaced every citation of the reference file that is not in the repository', () => {
    const stale = SOURCES.filter((f) => /\bREFERENCE\b/.test(read(f)));
    expect(stale).toEqual([]);
  });
});

describe('the FUD table of docs/efota-api.md §4', () => {
  const table = section(API, (h) => /^4\.\s/.test(h.text)) ?? '';
  const rows = new Map([...table.matchAll(/^\|\s*(FUD_\d{4})\s*\|\s*(\d+)\s*\|/gm)].map((m) => [m[1], Number(m[2])]));

  it('lists exactly the codes of common/efota/fud-catalogue.ts, with their HTTP status', () => {
    expect(Object.fromEntries(rows)).toEqual(Object.fromEntries(FUD_CATALOGUE.map((e) => [e.code, e.httpStatus])));
  });
});

describe('the CLI reference (docs/cli.md)', () => {
  const commandSection = (name: string): string | null =>
    section(CLI, (h: Heading) => h.level === 3 && h.text === `fota ${name}`);
  const shared = ['Connection', 'Output'].map((title) => section(CLI, (h) => h.level === 2 && h.text === title) ?? '').join('\n');

  it('has a section for every command of fota --help, naming every flag its help names', async () => {
    const commands = await loadCommands();
    expect(commands.length).toBeGreaterThan(30);
    const problems: string[] = [];
    for (const command of commands) {
      const own = commandSection(command.name);
      if (own === null) {
        problems.push(`no '### fota ${command.name}' section`);
        continue;
      }
      const parent = command.name.includes(' ') ? (commandSection(command.name.split(' ')[0] ?? '') ?? '') : '';
      const text = `${own}\n${parent}\n${shared}`;
      const flags = new Set([...command.help.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].map((m) => m[0]));
      for (const flag of flags) if (!new RegExp(`${flag}(?![a-z0-9-])`).test(text)) problems.push(`fota ${command.name}: ${flag} is not described`);
    }
    expect(problems).toEqual([]);
  });

  it('explains every exit code', () => {
    const table = section(CLI, (h) => h.level === 2 && h.text === 'Exit codes') ?? '';
    const missing = Object.values(EXIT).filter((code) => !new RegExp(`^\\|\\s*${code}\\s*\\|`, 'm').test(table));
    expect(missing).toEqual([]);
  });
});
