// A CSV record scanner for the second look at a statistics file (its missing cells): DuckDB has already parsed
// the lines, so the file is well-formed CSV; what is needed here is where each record and field starts, for
// millions of fields, which csv-parse's streaming API gives at several seconds for five million values. The rules
// are csv-parse's as the reader used them: `"` quotes a field that starts with it (`""` inside is one quote), a
// quote elsewhere is a character (relax_quotes), records end at LF or CRLF, empty lines are no records.

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** One record of a text: field i is text[from[i], to[i]), its quotes included (see fieldValue). */
export interface CsvRecord {
  /** Offset of the record's first character in the text. */
  start: number;
  /** Its first line, counting the text's first line as 0. */
  line: number;
  /** How many fields it has (from/to may be longer: they are reused from record to record). */
  count: number;
  from: number[];
  to: number[];
}

/** A field's value as csv-parse gives it: without its enclosing quotes, `""` read as `"`. */
export function fieldValue(text: string, record: CsvRecord, i: number): string {
  const from = record.from[i];
  const to = record.to[i];
  if (text.charCodeAt(from) !== QUOTE) return text.slice(from, to);
  const close = text.lastIndexOf('"', to - 1);
  const inner = text.slice(from + 1, close > from ? close : to);
  const rest = close > from ? text.slice(close + 1, to) : '';
  return inner.replaceAll('""', '"') + rest;
}

/** The first line end at or after `from`, or the text's length when there is none. */
function lfFrom(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i < 0 ? text.length : i;
}

/**
 * Splits text[start, end) — one line, without its line end — into `record` as one record; false when it is not
 * one (a quote left open: the record goes on in the next line).
 */
export function splitLine(
  text: string,
  start: number,
  end: number,
  delimiter: string,
  record: CsvRecord,
): boolean {
  let count = 0;
  let p = start;
  for (;;) {
    const from = p;
    if (p < end && text.charCodeAt(p) === QUOTE) {
      p++;
      for (;;) {
        const q = text.indexOf('"', p);
        if (q < 0 || q >= end) return false;
        if (q + 1 < end && text.charCodeAt(q + 1) === QUOTE) p = q + 2;
        else {
          p = q + 1;
          break;
        }
      }
    }
    const d = text.indexOf(delimiter, p);
    const to = d < 0 || d >= end ? end : d;
    record.from[count] = from;
    record.to[count] = to;
    count++;
    if (to === end) break;
    p = to + 1;
  }
  record.start = start;
  record.line = 0;
  record.count = count;
  return true;
}

/**
 * Calls `visit` for each complete record of `text`. Unless `atEnd`, a record the text cuts off (no line end yet,
 * or an open quote) is left for the next piece: the returned `consumed` (offset) and `lines` (line ends before it)
 * say where it starts.
 */
export function scanRecords(
  text: string,
  delimiter: string,
  atEnd: boolean,
  visit: (record: CsvRecord) => void,
): { consumed: number; lines: number } {
  const delim = delimiter.charCodeAt(0);
  const n = text.length;
  const record: CsvRecord = { start: 0, line: 0, count: 0, from: [], to: [] };
  let pos = 0;
  let line = 0;
  // The next line end at or after a position (n when none), kept so that a quoted field is searched once.
  let nextLf = -1;
  while (pos < n) {
    const first = text.charCodeAt(pos);
    if (first === LF || (first === CR && text.charCodeAt(pos + 1) === LF)) {
      pos += first === LF ? 1 : 2;
      line++;
      continue;
    }
    const start = pos;
    const startLine = line;
    let count = 0;
    let p = pos;
    let complete = false;
    for (;;) {
      const from = p;
      if (text.charCodeAt(p) === QUOTE) {
        // A label: jump from quote to quote (native search), counting the line ends a quoted field may hold.
        p++;
        for (;;) {
          const q = text.indexOf('"', p);
          const close = q < 0 ? n : q;
          if (nextLf < p) nextLf = lfFrom(text, p);
          while (nextLf < close) {
            line++;
            nextLf = lfFrom(text, nextLf + 1);
          }
          if (q < 0) {
            p = n;
            break;
          }
          if (text.charCodeAt(q + 1) === QUOTE) p = q + 2;
          else {
            p = q + 1;
            break;
          }
        }
      }
      let c = 0;
      while (p < n) {
        c = text.charCodeAt(p);
        if (c === delim || c === LF) break;
        p++;
      }
      const end = p < n && c === LF && p > from && text.charCodeAt(p - 1) === CR ? p - 1 : p;
      record.from[count] = from;
      record.to[count] = end;
      count++;
      if (p >= n) {
        complete = atEnd;
        break;
      }
      p++;
      if (c === LF) {
        line++;
        complete = true;
        break;
      }
    }
    if (!complete) return { consumed: start, lines: startLine };
    record.start = start;
    record.line = startLine;
    record.count = count;
    visit(record);
    pos = p;
  }
  return { consumed: n, lines: line };
}
