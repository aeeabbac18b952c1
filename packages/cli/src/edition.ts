import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  CARRIED_OVER,
  csvCell,
  DELIVERED_COLUMN,
  editionYears,
  InputError,
  openItems,
  REPO_RAW_ROOT,
  REPO_ROOT,
  readCsv,
  resolveEdition,
  STATUS_COLUMN,
} from '@kk/core';
import { confirmFile, resolveConfirmTarget, today } from './confirm.ts';

/**
 * `npm run edition -- new <year> [--from <previous>]`: starts the next edition as a copy of the previous one in
 * which everything that belongs to the year is marked as still to do. Rows carried over keep their ids (a fact
 * sheet's id is its entity id in every stage, so an initiative keeps its id whatever its name becomes) and get
 * `status` = `överförd`; the lists and the statistics are slots to refill (`levererad` = `nej`). Nothing is
 * invented: what the previous edition said stays as it said it, and the report built from the copy is a draft
 * whose appendix lists every mark.
 */

/** Notes that describe one edition only (raw/README.md, section 4); the new edition writes its own. */
const EDITION_NOTES = ['sources/LISTS.md', 'employment/SOURCE.md'];
/** The survey's answers and the decisions on them belong to their edition; the letter (enkat/brev.mustache) carries. */
const EDITION_ANSWERS = ['enkat/svar', 'enkat/beslut.csv'];
/** Files whose rows are carried over and must be confirmed row by row. */
const CARRIED_FILES = ['factsheets/factsheets.csv', 'criteria/initiativ.csv', 'criteria/bedomningar.csv'];

export interface NewEditionOptions {
  from?: string;
  raw?: string;
}

export interface NewEditionResult {
  year: number;
  from: number;
  dir: string;
}

/** A CSV table written back: header and rows, cells quoted only where they must be, LF line ends. */
function writeCsv(path: string, header: string[], rows: string[][]): void {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** Sets one column on every row of a UTF-8 CSV (added at the end when the file lacks it). */
function setColumn(path: string, column: string, value: (row: Record<string, string>) => string): void {
  const table = readCsv(path, { encoding: 'utf-8' });
  const header = table.header.includes(column) ? table.header : [...table.header, column];
  const rows = table.rows.map((r) => {
    const record = { ...r.record, [column]: value(r.record) };
    return header.map((h) => record[h] ?? '');
  });
  writeCsv(path, header, rows);
}

export function newEdition(yearArg: string, options: NewEditionOptions): NewEditionResult {
  const year = Number(yearArg);
  const rawRoot = resolve(REPO_ROOT, options.raw ?? 'raw');
  const shown = (p: string) => relative(dirname(rawRoot), p) || p;
  if (!/^\d{4}$/.test(yearArg)) {
    throw new InputError(
      { file: 'npm run edition -- new <year>' },
      'a four-digit year',
      JSON.stringify(yearArg),
    );
  }
  const target = join(rawRoot, yearArg);
  if (existsSync(target)) {
    throw new InputError(
      { file: shown(target) },
      'a year that has no edition yet (an existing edition is never overwritten)',
      'that folder already there',
    );
  }
  const earlier = [...new Set([...editionYears(rawRoot), ...editionYears(REPO_RAW_ROOT)])].filter(
    (y) => y < year,
  );
  const fromYear = options.from !== undefined ? Number(options.from) : Math.max(...earlier);
  if (!Number.isInteger(fromYear) || !earlier.includes(fromYear)) {
    throw new InputError(
      { file: shown(join(rawRoot, String(options.from ?? ''))) },
      `an earlier edition to start from (${earlier.join(', ') || 'none'})`,
      options.from === undefined ? 'none' : JSON.stringify(options.from),
    );
  }
  // Built beside the target and renamed into place: a failure leaves no half edition behind.
  mkdirSync(rawRoot, { recursive: true });
  // Read from the raw root when it has that year, else from the repository's raw/; nothing is built here, so
  // no build folder is asked for (resolveEdition would ask for one when both have the year).
  const fromDir = join(editionYears(rawRoot).includes(fromYear) ? rawRoot : REPO_RAW_ROOT, String(fromYear));
  const tmp = join(rawRoot, `.${year}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  try {
    cpSync(fromDir, tmp, { recursive: true });
    for (const note of EDITION_NOTES) rmSync(join(tmp, note), { force: true });
    for (const answers of EDITION_ANSWERS) rmSync(join(tmp, answers), { recursive: true, force: true });
    carryOver(tmp, fromYear, year);
    renameSync(tmp, target);
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  return { year, from: fromYear, dir: target };
}

function carryOver(dir: string, from: number, year: number): void {
  // The title page and prose: the year moves on, the rest is to be rewritten (status överförd).
  const editionPath = join(dir, 'edition.json');
  if (existsSync(editionPath)) {
    const meta = JSON.parse(readFileSync(editionPath, 'utf8')) as Record<string, unknown>;
    meta.ar = year;
    meta.status = CARRIED_OVER;
    meta.anmarkning =
      `Överförd från utgåvan ${from} med npm run edition: titel, serie, utgivning och texterna i content/ är förra utgåvans tills de skrivits om. ${meta.anmarkning ?? ''}`.trim();
    writeFileSync(editionPath, `${JSON.stringify(meta, null, 2)}\n`);
  }
  // The lists: last year's files stay as placeholders until this year's arrive.
  const manifest = join(dir, 'sources', 'manifest.csv');
  if (existsSync(manifest)) setColumn(manifest, DELIVERED_COLUMN, () => 'nej');
  // Fact sheets and assessments: carried over, row by row, to be confirmed.
  for (const rel of CARRIED_FILES) {
    const path = join(dir, rel);
    if (existsSync(path)) setColumn(path, STATUS_COLUMN, () => CARRIED_OVER);
  }
  // Transcription repairs belong to the edition they repaired.
  const repairs = join(dir, 'factsheets', 'repairs.csv');
  if (existsSync(repairs)) {
    const t = readCsv(repairs, { encoding: 'utf-8' });
    writeCsv(repairs, t.header, []);
  }
  // A draft builds with entities not yet assessed: they are "ej bedömd" and listed in the appendix.
  writeFileSync(
    join(dir, 'criteria', 'installningar.json'),
    `${JSON.stringify({ ej_bedomda: 'fortsätt' }, null, 2)}\n`,
  );
  // The statistics: a row asking for the year before the new edition.
  const stats = join(dir, 'employment', 'statistik.csv');
  if (existsSync(stats)) {
    const t = readCsv(stats, { encoding: 'utf-8' });
    const header = t.header.includes(DELIVERED_COLUMN) ? t.header : [...t.header, DELIVERED_COLUMN];
    const rows = t.rows.map((r) => header.map((h) => r.record[h] ?? ''));
    const last = t.rows[t.rows.length - 1]?.record;
    if (last) {
      const wanted = year - 1;
      // No file name is made up: SCB names its downloads itself (AM0207K_<date>.csv); the analyst writes it in.
      const ask: Record<string, string> = {
        ...last,
        fil: '',
        kontroll_ar: String(wanted),
        kontroll_riket: '',
        anmarkning: `Begärd av npm run edition: samma tabell för ${wanted}, SCB:s fil som den laddades ner från Statistikdatabasen (dess namn i fil). kontroll_riket: SCB:s totala antal för ${wanted} (regionen 00 Riket), eller tomt.`,
        [DELIVERED_COLUMN]: 'nej',
      };
      if (
        !t.rows.some((r) => r.record.kontroll_ar === ask.kontroll_ar && r.record[DELIVERED_COLUMN] === 'nej')
      )
        rows.push(header.map((h) => ask[h] ?? ''));
    }
    writeCsv(stats, header, rows);
  }
}

const USAGE =
  'usage: npm run edition -- new <year> [--from <previous year>] [--raw DIR]\n' +
  '       npm run edition -- confirm <file>… [--rows 2–7,9|<id>,…] [--year Y] [--raw DIR]';

/** The command: creates the edition and prints what it still needs, or confirms carried-over rows. */
export function runEdition(positionals: string[], options: NewEditionOptions & ConfirmOptions): number {
  const [sub, year] = positionals;
  if (sub === 'confirm' && positionals.length >= 2) {
    for (const file of positionals.slice(1)) runConfirm(file, options);
    return 0;
  }
  if (sub !== 'new' || !year || positionals.length !== 2) {
    console.error(USAGE);
    return 64;
  }
  const r = newEdition(year, options);
  const edition = resolveEdition({ year: r.year, raw: options.raw }, {});
  const items = openItems(edition);
  const rel = relative(REPO_ROOT, r.dir);
  console.log(
    `Edition ${r.year} created from ${r.from} in ${rel.startsWith('..') ? r.dir : rel}: ${items.length} open items.\n` +
      `Next: npm run report -- --year ${r.year}${options.raw ? ` --raw ${options.raw}` : ''} (a draft until nothing is open); ` +
      `npm run status -- --year ${r.year}${options.raw ? ` --raw ${options.raw}` : ''} lists what is open.`,
  );
  return 0;
}

export interface ConfirmOptions {
  rows?: string;
  year?: string;
  raw?: string;
}

/** `edition confirm`: marks the chosen carried-over rows of a raw file bekräftad, with today's date. */
function runConfirm(arg: string, options: ConfirmOptions): number {
  const target = resolveConfirmTarget(arg, options.rows, { year: options.year, raw: options.raw });
  const r = confirmFile(target.path, target.rows, today());
  const lines = compactLines(r.confirmed);
  console.log(
    `${r.file}: ${r.confirmed.length} row(s) confirmed (${r.wrote})${lines ? ` on line(s) ${lines}` : ''}` +
      (r.already ? `; ${r.already} chosen row(s) were not ${r.open} and are left as they are` : '') +
      '.',
  );
  return 0;
}

/** Line numbers as status prints them: 2–7, 9. */
function compactLines(lines: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    out.push(j > i ? `${lines[i]}–${lines[j]}` : String(lines[i]));
    i = j + 1;
  }
  return out.join(', ');
}
