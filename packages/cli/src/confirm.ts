import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  CARRIED_OVER,
  CONFIRMED,
  DELIVERED_COLUMN,
  type Delimiter,
  displayPath,
  type EditionOptions,
  InputError,
  REPO_ROOT,
  readCsv,
  resolveEdition,
  STATUS_COLUMN,
  shown,
} from '@kk/core';

/**
 * `npm run edition -- confirm <file> [--rows …]`: the analyst has checked carried-over rows by other means and
 * confirms them in one command instead of typing `bekräftad` into each. Every chosen row whose `status` is
 * `överförd` gets `bekräftad <date>` (the date it was confirmed, per row); nothing else of the file changes, not
 * its quoting, line ends or order, so the file's history shows exactly what was confirmed.
 *
 * The files that ask for deliveries (`sources/manifest.csv`, `employment/statistik.csv`) have no `status` but a
 * `levererad` column: confirming them marks the chosen rows that say `nej` as `ja` (the lists are in place).
 */

/** One field of a CSV text: where its text starts and ends (quotes included). */
interface Span {
  start: number;
  end: number;
}

interface CsvRecordSpans {
  /** Physical line (1-based) where the record starts. */
  line: number;
  fields: Span[];
}

/** Splits a CSV text into records and fields by offset, so that one field can be replaced in place. */
export function csvSpans(text: string, delimiter: string): CsvRecordSpans[] {
  const records: CsvRecordSpans[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < text.length) {
    const record: CsvRecordSpans = { line, fields: [] };
    for (;;) {
      const start = i;
      if (text[i] === '"') {
        i++;
        while (i < text.length) {
          if (text[i] === '"' && text[i + 1] === '"') i += 2;
          else if (text[i] === '"') break;
          else {
            if (text[i] === '\n') line++;
            i++;
          }
        }
        i++;
      }
      while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
      record.fields.push({ start, end: i });
      if (text[i] === delimiter) {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    if (!(record.fields.length === 1 && record.fields[0].start === record.fields[0].end))
      records.push(record);
  }
  return records;
}

const unquote = (s: string) => (s.startsWith('"') ? s.slice(1, -1).replaceAll('""', '"') : s);

/** The rows chosen by `--rows`: line numbers and ranges as status prints them (2–7, 2-7,9) or entity ids. */
export function parseRows(spec: string): { lines: Set<number>; ids: Set<string> } {
  const lines = new Set<number>();
  const ids = new Set<string>();
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\d+)(?:\s*[–—-]\s*(\d+))?$/.exec(part);
    if (!m) {
      ids.add(part);
      continue;
    }
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (to < from) {
      throw new InputError({ file: '--rows' }, 'a range from a lower to a higher line (2–7)', part);
    }
    for (let n = from; n <= to; n++) lines.add(n);
  }
  return { lines, ids };
}

export interface ConfirmResult {
  file: string;
  confirmed: number[];
  already: number;
  /** What was written in the confirmed rows (`bekräftad <date>`, or `ja` in `levererad`). */
  wrote: string;
  /** What a row had to say to be confirmed (`överförd`, or `nej` in `levererad`). */
  open: string;
}

/**
 * Confirms the chosen carried-over rows of a CSV file (all of them without `rows`). A file without a status
 * column, a line that is no row of the file and an id no row has are errors at their place.
 */
export function confirmFile(path: string, rows: string | undefined, date: string): ConfirmResult {
  const file = displayPath(path);
  // The raw files npm run edition writes are UTF-8; a file saved in another encoding is refused, not rewritten.
  // A byte-order mark (Excel's) is kept in the text, so that it is written back as it was.
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(readFileSync(path));
  } catch {
    throw new InputError(
      { file },
      'a UTF-8 text file (as npm run edition writes it)',
      'bytes that are not UTF-8',
    );
  }
  const headerLine = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  const delimiter = [',', ';', '\t'].reduce((best, d) =>
    headerLine.split(d).length > headerLine.split(best).length ? d : best,
  );
  const [header, ...data] = csvSpans(text, delimiter);
  const names = (header?.fields ?? []).map((f) => unquote(text.slice(f.start, f.end)).trim());
  const statusAt = names.indexOf(STATUS_COLUMN);
  const deliveredAt = names.indexOf(DELIVERED_COLUMN);
  const status = statusAt >= 0 ? statusAt : deliveredAt;
  if (status < 0) {
    throw new InputError(
      { file, line: 1 },
      `a column ${STATUS_COLUMN} (the rows npm run edition carried over are marked ${CARRIED_OVER} in it) or ${DELIVERED_COLUMN} (the lists and statistics asked for are marked nej)`,
      `the columns ${shown(names.join(delimiter), 80)}`,
    );
  }
  // What an open row says, and what confirming writes in its place.
  const [open, done] = statusAt >= 0 ? [CARRIED_OVER, `${CONFIRMED} ${date}`] : ['nej', 'ja'];
  const idColumn = ['id', 'entity_id', 'fil'].map((c) => names.indexOf(c)).find((i) => i >= 0);
  const cell = (r: CsvRecordSpans, i: number) =>
    r.fields[i] ? unquote(text.slice(r.fields[i].start, r.fields[i].end)).trim() : '';
  let chosen = data;
  // Lines as status and every located message number them (readCsv), whatever the file's line ends and
  // quoted line breaks: the k-th record here is the k-th row there.
  const numbered = readCsv(path, {
    encoding: 'utf-8',
    displayPath: file,
    delimiter: delimiter as Delimiter,
  }).rows;
  if (numbered.length !== data.length)
    throw new InputError(
      { file },
      'a CSV file whose rows can be confirmed in place',
      `${data.length} records against ${numbered.length} rows`,
    );
  const lineOf = new Map(data.map((r, k) => [r, numbered[k].line]));
  if (rows !== undefined) {
    const { lines, ids } = parseRows(rows);
    const byLine = new Map(data.map((r, k) => [numbered[k].line, r]));
    for (const n of lines) {
      if (!byLine.has(n)) {
        throw new InputError(
          { file, line: n },
          `a row of the file (--rows ${rows})`,
          'no row starting there',
        );
      }
    }
    for (const id of ids) {
      if (idColumn === undefined || !data.some((r) => cell(r, idColumn) === id)) {
        throw new InputError(
          { file },
          `a row whose ${idColumn === undefined ? 'id' : names[idColumn]} is ${shown(id)} (--rows ${rows})`,
          'none',
        );
      }
    }
    chosen = data.filter(
      (r) => lines.has(lineOf.get(r) ?? 0) || (idColumn !== undefined && ids.has(cell(r, idColumn))),
    );
  }
  const carried = chosen.filter((r) => cell(r, status).toLowerCase() === open);
  // Replaced from the end, so that the offsets of the earlier fields stay valid.
  let out = text;
  for (const r of [...carried].reverse()) {
    const span = r.fields[status];
    if (!span) continue;
    out = `${out.slice(0, span.start)}${done}${out.slice(span.end)}`;
  }
  // Written aside and renamed into place: an interrupted run leaves the file as it was; an unchanged file is
  // left alone.
  if (out !== text) {
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, out);
    renameSync(tmp, path);
  }
  return {
    file,
    confirmed: carried.map((r) => lineOf.get(r) ?? r.line),
    already: chosen.length - carried.length,
    wrote: done,
    open,
  };
}

/** The file as the command names it: as status prints it (from the repository), or inside the edition folder;
 *  `file:2–7` is the same as `file --rows 2–7`. */
export function resolveConfirmTarget(
  arg: string,
  rows: string | undefined,
  options: EditionOptions,
): { path: string; rows: string | undefined } {
  const m = /^(.*):([\d,–—-]+)$/.exec(arg);
  const [name, lines] = m && !existsSync(resolve(REPO_ROOT, arg)) ? [m[1], m[2]] : [arg, undefined];
  const direct = resolve(REPO_ROOT, name);
  const path = existsSync(direct) ? direct : join(resolveEdition(options, {}).rawDir, name);
  if (!existsSync(path)) {
    throw new InputError(
      { file: name },
      'a raw file of the edition (as npm run status prints it)',
      'no such file',
    );
  }
  const all = [lines, rows].filter((x): x is string => x !== undefined);
  return { path, rows: all.length ? all.join(',') : undefined };
}

/** Today as the record of a confirmation writes it (YYYY-MM-DD, local time). */
export function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
