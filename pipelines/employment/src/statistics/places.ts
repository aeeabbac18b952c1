// Where each missing value of a statistics file is written. DuckDB has read the file and knows which of its
// records (the n-th, counted from 1) and value columns are NULL; the symbol written there, its physical line and
// its column are found here by reading the file again in large pieces. A download has one record per line, so
// the lines are found with the engine's own search and only the lines with a NULL are split into fields; a file
// whose count of lines differs from DuckDB's count of records (a quoted label over two lines) is read record by
// record instead.
import type { Encoding } from '@kk/core';
import { decodeBytes, linesInChunks } from './decode.ts';
import { type CsvRecord, fieldValue, scanRecords, splitLine } from './records.ts';

const CR = 13;

/** The NULL cells DuckDB read, in order: record `records[i]` has a NULL in field `fields[i]`. */
export interface NullCells {
  records: number[];
  fields: number[];
}

/** A missing value as written: its record, field and symbol, the physical line and column (1-based, in characters) where it is. */
export interface CellPlace {
  record: number;
  line: number;
  field: number;
  column: number;
  symbol: string;
  /** The record's year field as written, for a long file. */
  year?: string;
}

export interface PlaceSource {
  path: string;
  /** The encoding to decode with (one that gives the same text as the file's). */
  encoding: Encoding;
  /** Byte range of the data lines, and the physical line the first of them is. */
  bodyStart: number;
  bodyEnd: number;
  firstLine: number;
  delimiter: string;
  /** Fields in a data record. */
  width: number;
  /** The symbols DuckDB read as NULL. */
  missing: readonly string[];
  /** The year field of a long file. */
  yearField?: number;
}

/**
 * The places of the NULL cells of a file whose data DuckDB read as `records` records. Throws if the file and
 * DuckDB disagree (a NULL where the file has no symbol): the cells' codes come from DuckDB's record numbers.
 */
export function placeNullCells(src: PlaceSource, nulls: NullCells, records: number): CellPlace[] {
  return byLines(src, nulls, records) ?? byRecords(src, nulls, records);
}

/**
 * Takes the NULL fields of one record from `nulls` (from index `at`) as places; returns the index after them,
 * or -1 when one of them holds no symbol.
 */
function take(
  text: string,
  r: CsvRecord,
  record: number,
  line: number,
  src: PlaceSource,
  nulls: NullCells,
  at: number,
  out: CellPlace[],
): number {
  let i = at;
  for (; i < nulls.records.length && nulls.records[i] === record; i++) {
    const field = nulls.fields[i];
    if (field >= r.count) return -1;
    const symbol = fieldValue(text, r, field).trim();
    if (!src.missing.includes(symbol)) return -1;
    const year = src.yearField === undefined ? undefined : fieldValue(text, r, src.yearField);
    // The place is the symbol's own line, also after a label that holds a line end.
    const from = r.from[field];
    let lineStart = r.start;
    let below = 0;
    for (let lf = text.indexOf('\n', r.start); lf >= 0 && lf < from; lf = text.indexOf('\n', lf + 1)) {
      below++;
      lineStart = lf + 1;
    }
    out.push({ record, line: line + below, field, column: from - lineStart + 1, symbol, year });
  }
  return i;
}

/** One record per non-empty line: undefined when that does not hold for this file (or a NULL is not found). */
function byLines(src: PlaceSource, nulls: NullCells, records: number): CellPlace[] | undefined {
  const out: CellPlace[] = [];
  const one: CsvRecord = { start: 0, line: 0, count: 0, from: [], to: [] };
  let record = 0;
  let line = src.firstLine;
  let at = 0;
  let carry = '';
  for (const { bytes, last } of linesInChunks(src.path, src.bodyStart, src.bodyEnd)) {
    const text = carry + decodeBytes(bytes, src.encoding);
    const n = text.length;
    let p = 0;
    while (p < n) {
      let lf = text.indexOf('\n', p);
      if (lf < 0) {
        if (!last) break;
        lf = n;
      }
      const end = lf > p && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
      if (end > p) {
        record++;
        if (record === nulls.records[at]) {
          // The line alone must be one whole record of the file's width.
          if (!splitLine(text, p, end, src.delimiter, one) || one.count !== src.width) return undefined;
          at = take(text, one, record, line, src, nulls, at, out);
          if (at < 0) return undefined;
        }
      }
      line++;
      p = lf + 1;
    }
    carry = p < n ? text.slice(p) : '';
  }
  return record === records && at === nulls.records.length ? out : undefined;
}

/** Record by record (a quoted field may hold a line end). */
function byRecords(src: PlaceSource, nulls: NullCells, records: number): CellPlace[] {
  const out: CellPlace[] = [];
  let record = 0;
  let at = 0;
  let line = src.firstLine;
  let carry = '';
  for (const { bytes, last } of linesInChunks(src.path, src.bodyStart, src.bodyEnd)) {
    const text = carry + decodeBytes(bytes, src.encoding);
    const done = scanRecords(text, src.delimiter, last, (r) => {
      if (r.count !== src.width || at < 0) return;
      record++;
      if (record === nulls.records[at]) at = take(text, r, record, line + r.line, src, nulls, at, out);
    });
    carry = text.slice(done.consumed);
    line += done.lines;
  }
  if (record !== records || at !== nulls.records.length) {
    throw new Error(
      `${src.path}: the missing cells DuckDB read (${nulls.records.length} in ${records} records) are not where the file has its symbols`,
    );
  }
  return out;
}
