import { readFileSync } from 'node:fs';
import { type CsvError, parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { InputError, shown, type Warning, warningAt } from './errors.ts';

// macintosh: Mac OS Roman, what Excel for Mac writes as "CSV (Macintosh)" (ä is 0x8A there, Š in Windows-1252).
export type Encoding = 'utf-8' | 'windows-1252' | 'iso-8859-1' | 'macintosh';
export type Delimiter = ',' | ';' | '\t';

export interface CsvOptions {
  /**
   * Declared encoding; `auto` (default) takes UTF-8 when the bytes are valid UTF-8, else Mac OS Roman when its
   * letters inside words outnumber Windows-1252's (`looksMacRoman`), else Windows-1252.
   */
  encoding?: Encoding | 'auto';
  /** Declared delimiter; `auto` (default) takes the most frequent of , ; tab in the header line. */
  delimiter?: Delimiter | 'auto';
  /** The path shown in messages (relative to the repository, say); defaults to the path read. */
  displayPath?: string;
  /** Lines to skip before the header (title lines of a statistics download). */
  skipLines?: number;
  /** The longest field accepted, in characters (default FIELD_LIMIT). */
  maxField?: number;
}

/**
 * The longest field any CSV input may have (characters): far beyond any real list or fact sheet, and short
 * enough that no later reader (DuckDB's CSV reader stops at 2 MB lines) or the layout meets a giant field.
 */
export const FIELD_LIMIT = 100_000;

/** A count as the messages print it: 100 000. */
const count = (n: number) => n.toLocaleString('sv-SE').replace(/\s/g, ' ');

/** A field longer than `limit` characters is an error at its line and column. */
export function checkFieldLength(
  at: { file: string; line: number; column: number },
  value: string,
  limit: number,
  what = 'a field',
): void {
  if (value.length <= limit) return;
  throw new InputError(
    at,
    `${what} of at most ${count(limit)} characters`,
    `${count(value.length)} characters (${shown(value, 30)})`,
  );
}

export interface CsvRow {
  /** Physical line (1-based) where the record starts. */
  line: number;
  values: string[];
  record: Record<string, string>;
  /** The record as written (quotes, line ends), to place a field that is not on the first line. */
  raw?: string;
}

/** Physical line and column (1-based) where field `index` of a record starting at `line` begins. */
export function fieldPosition(
  raw: string,
  delimiter: string,
  index: number,
  line: number,
): { line: number; column: number } {
  let quoted = false;
  let seen = 0;
  let l = line;
  let lineStart = 0;
  if (index === 0) return { line, column: 1 };
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n') {
      l++;
      lineStart = i + 1;
    } else if (!quoted && c === delimiter && ++seen === index) return { line: l, column: i + 2 - lineStart };
  }
  return { line: l, column: raw.length - lineStart + 1 };
}

export interface CsvTable {
  file: string;
  encoding: Encoding;
  bom: boolean;
  crlf: boolean;
  delimiter: Delimiter;
  header: string[];
  headerLine: number;
  rows: CsvRow[];
  warnings: Warning[];
  /** A sheet of a workbook (xlsx.ts): lines are rows, columns are cells. */
  sheet?: boolean;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Where a byte is, counting lines as the parser does: a line ends at LF, CR LF, or a CR alone (a Mac's CSV). */
function lineAndColumnOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let n = 0;
    if (b < 0x80) n = 0;
    else if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) n = 2;
    else if (b >= 0xf0 && b <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return -1;
}

/** Decodes the bytes of a text file, detecting BOM and encoding; NUL bytes and invalid UTF-8 are errors. */
export function decodeText(
  bytes: Uint8Array,
  file: string,
  declared: Encoding | 'auto' = 'auto',
): { text: string; encoding: Encoding; bom: boolean } {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (utf16) {
    throw new InputError(
      { file, line: 1, column: 1 },
      'UTF-8 text',
      `UTF-16 (byte order mark ${bytes[0].toString(16).toUpperCase()} ${bytes[1].toString(16).toUpperCase()}): save the file as UTF-8`,
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const at = lineAndColumnOfByte(bytes, nul);
    throw new InputError({ file, ...at }, 'text', 'a NUL byte (is this a binary or UTF-16 file?)');
  }
  const bom = UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = bom ? bytes.subarray(3) : bytes;
  if (bom || declared === 'utf-8' || declared === 'auto') {
    const bad = firstInvalidUtf8(body);
    if (bad < 0) return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8', bom };
    if (bom || declared === 'utf-8') {
      const at = lineAndColumnOfByte(body, bad);
      throw new InputError(
        { file, ...at },
        'UTF-8 text',
        `byte 0x${body[bad].toString(16).toUpperCase()} (if the file is Windows-1252, ISO-8859-1 or Mac OS Roman, as Excel for Mac saves "CSV (Macintosh)", declare it: windows-1252, iso-8859-1 or macintosh)`,
      );
    }
  }
  const encoding: Encoding =
    declared === 'iso-8859-1' || declared === 'macintosh' || declared === 'windows-1252'
      ? declared
      : looksMacRoman(body)
        ? 'macintosh'
        : 'windows-1252';
  return { text: iconv.decode(Buffer.from(body), ICONV[encoding]), encoding, bom };
}

const ICONV: Record<Encoding, string> = {
  'utf-8': 'utf8',
  'windows-1252': 'win1252',
  'iso-8859-1': 'latin1',
  macintosh: 'macintosh',
};

/** iconv-lite's name of an encoding. */
export const iconvName = (e: Encoding): string => ICONV[e];

// Mac OS Roman's ä, å, ö (0x8A 0x8C 0x9A) are Š, Œ, š in Windows-1252, and its Å (0x81) is no character there;
// Windows-1252's letters (0xC0–0xFF but × and ÷) are symbols, quotes and dashes in Mac OS Roman.
const MAC_ROMAN_WORD_LETTERS = new Set([0x8a, 0x8c, 0x9a]);
const MAC_ROMAN_ONLY = 0x81;
const isAsciiLetter = (b: number | undefined) =>
  b !== undefined && ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));
const isWindows1252Letter = (b: number) => b >= 0xc0 && b !== 0xd7 && b !== 0xf7;

/**
 * Whether single-byte text is Mac OS Roman rather than Windows-1252: more of Mac OS Roman's ä, å, ö inside a word
 * (between two ASCII letters: Skåne, Västerbotten) and its Å anywhere, than of Windows-1252's letters inside a
 * word. Inside a word, since either encoding's other characters stand beside letters too (Windows-1252's … after
 * a word is Mac OS Roman's Ö; a Mac list's quotes are Windows-1252's Ò and Ó); a list without such letters is read
 * as Windows-1252, as before. A declared encoding is never second-guessed, and the encoding read is in ingest's
 * source_lists and in the warning.
 */
export function looksMacRoman(bytes: Uint8Array): boolean {
  let mac = 0;
  let windows = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    if (b === MAC_ROMAN_ONLY) mac++;
    else if (!isAsciiLetter(bytes[i - 1]) || !isAsciiLetter(bytes[i + 1])) continue;
    else if (MAC_ROMAN_WORD_LETTERS.has(b)) mac++;
    else if (isWindows1252Letter(b)) windows++;
  }
  return mac > windows;
}

function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ch) n++;
  }
  return n;
}

export function detectDelimiter(headerLine: string): Delimiter {
  const candidates: Delimiter[] = [',', ';', '\t'];
  let best: Delimiter = ',';
  let bestCount = 0;
  for (const d of candidates) {
    const n = countOutsideQuotes(headerLine, d);
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

const delimiterName = (d: string) => (d === '\t' ? 'tab' : `'${d}'`);

/** Column (1-based) where the field with the given index starts on a line. */
function columnOfField(line: string, delimiter: string, field: number): number {
  let quoted = false;
  let seen = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === delimiter) {
      seen++;
      if (seen === field) return i + 2;
    }
  }
  return line.length + 1;
}

/** Where an opened quote is never closed. */
function unclosedQuote(text: string): { line: number; column: number } | undefined {
  let quoted = false;
  let openLine = 0;
  let openCol = 0;
  let line = 1;
  let col = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    col++;
    if (c === '"') {
      if (quoted && text[i + 1] === '"') {
        i++;
        col++;
        continue;
      }
      quoted = !quoted;
      if (quoted) {
        openLine = line;
        openCol = col;
      }
    } else if (c === '\n') {
      line++;
      col = 0;
    }
  }
  return quoted ? { line: openLine, column: openCol } : undefined;
}

function translateParseError(
  err: CsvError,
  text: string,
  file: string,
  delimiter: string,
  lineOffset: number,
): InputError {
  const lines = text.split('\n');
  const e = err as CsvError & { lines?: number; record?: string[] };
  const line = (e.lines ?? 1) + lineOffset;
  const lineText = (lines[(e.lines ?? 1) - 1] ?? '').replace(/\r$/, '');
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED': {
      const at = unclosedQuote(text);
      return new InputError(
        { file, line: (at?.line ?? e.lines ?? 1) + lineOffset, column: at?.column },
        'a closing quote for the field that starts here',
        'the end of the file (unbalanced quote)',
      );
    }
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const got = e.record?.length ?? 0;
      const expectedMatch = /expect (\d+)/.exec(err.message);
      const expected = expectedMatch ? Number(expectedMatch[1]) : 0;
      return new InputError(
        { file, line, column: columnOfField(lineText, delimiter, Math.min(got, expected)) },
        `${expected} fields separated by ${delimiterName(delimiter)} as in the header`,
        `${got} (a stray delimiter, a missing quote, or mixed delimiters?)`,
      );
    }
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE': {
      const col = lineText.indexOf('"');
      return new InputError(
        { file, line, column: col >= 0 ? col + 1 : undefined },
        'a quote only around a whole field (a quote inside a field is written "")',
        `a stray quote in ${shown(lineText)}`,
      );
    }
    default:
      return new InputError({ file, line }, 'well-formed CSV', err.message);
  }
}

/**
 * Text whose lines end in a CR alone (Excel for Mac's "CSV (Macintosh)") with LF there instead, line for line, so
 * that lines are counted and split as in any other file; any other text as it is.
 */
export function lineEndsOfCrOnly(text: string): string {
  return !text.includes('\n') && text.includes('\r') ? text.replaceAll('\r', '\n') : text;
}

/** Parses CSV text with a header line into rows that remember their physical line. */
export function parseCsvText(
  input: string,
  options: CsvOptions & { file: string },
): Omit<CsvTable, 'encoding' | 'bom'> {
  const file = options.file;
  const warnings: Warning[] = [];
  // An editor that changed one line of a CRLF file leaves LF there: read each line end as one, and say so.
  const mixed = /\r\n/.test(input) && /(^|[^\r])\n/.test(input);
  if (mixed)
    warnings.push(warningAt({ file }, 'mixed line ends (CRLF and LF): read with each line end as one'));
  const text = mixed ? input.replace(/\r\n/g, '\n') : lineEndsOfCrOnly(input);
  const allLines = text.split('\n');
  const skip = options.skipLines ?? 0;
  const body = skip > 0 ? allLines.slice(skip).join('\n') : text;
  const crlf = /\r\n/.test(text);
  if (body.trim() === '') {
    throw new InputError({ file, line: skip + 1, column: 1 }, 'a header line', 'an empty file');
  }
  const firstLine = body.split('\n')[0].replace(/\r$/, '');
  const detected = detectDelimiter(firstLine);
  let delimiter: Delimiter = detected;
  if (options.delimiter && options.delimiter !== 'auto') {
    delimiter = options.delimiter;
    if (countOutsideQuotes(firstLine, delimiter) === 0 && countOutsideQuotes(firstLine, detected) > 0) {
      throw new InputError(
        { file, line: skip + 1, column: firstLine.indexOf(detected) + 1 },
        `a header separated by ${delimiterName(delimiter)} (as declared)`,
        `${delimiterName(detected)} — wrong delimiter declared, or the file was saved with another`,
      );
    }
  }
  let parsed: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    parsed = parse(body, {
      delimiter,
      info: true,
      raw: true,
      skip_empty_lines: true,
      relax_column_count: false,
      bom: false,
    }) as unknown as typeof parsed;
  } catch (err) {
    if ((err as CsvError).code) throw translateParseError(err as CsvError, body, file, delimiter, skip);
    throw err;
  }
  const [head, ...records] = parsed;
  // Columns after the last named one (Excel keeps a column it once formatted: `;;` at the end of every line) are
  // empty in every export we know: the header's width, as for a workbook (xlsx.ts), and a value there an error.
  let width = head.record.length;
  while (width > 1 && head.record[width - 1].trim() === '') width--;
  const header = head.record.slice(0, width).map((h) => h.trim());
  const headerLine = skip + head.info.lines - (head.raw.replace(/\r?\n$/, '').split('\n').length - 1);
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    if (h === '') {
      throw new InputError(
        { file, line: headerLine, column: columnOfField(firstLine, delimiter, i) },
        'a column name',
        'an empty header cell',
      );
    }
    if (seen.has(h)) {
      throw new InputError(
        { file, line: headerLine, column: columnOfField(firstLine, delimiter, i) },
        'unique column names',
        `${shown(h)} twice (columns ${(seen.get(h) ?? 0) + 1} and ${i + 1})`,
      );
    }
    seen.set(h, i);
  });
  const rows: CsvRow[] = [];
  for (const { record, raw, info } of records) {
    const inner = raw.replace(/\r?\n$/, '').split('\n').length - 1;
    const line = skip + info.lines - inner;
    const extra = record.findIndex((v, k) => k >= width && v.trim() !== '');
    if (extra >= 0)
      throw new InputError(
        { file, ...fieldPosition(raw, delimiter, extra, line) },
        `${width} columns as in the header`,
        `a value beyond them: ${shown(record[extra])}`,
      );
    // A line of delimiters only (Excel's last formatted row), as an empty line.
    if (width < head.record.length && record.every((v) => v.trim() === '')) continue;
    const values = record.slice(0, width).map((v) => v.replace(/\r\n/g, '\n'));
    values.forEach((v, i) => {
      if (v.length > (options.maxField ?? FIELD_LIMIT))
        checkFieldLength(
          { file, ...fieldPosition(raw, delimiter, i, line) },
          v,
          options.maxField ?? FIELD_LIMIT,
        );
    });
    const rec: Record<string, string> = {};
    header.forEach((h, i) => {
      rec[h] = values[i];
    });
    rows.push({ line, values, record: rec, raw });
  }
  return { file, crlf, delimiter, header, headerLine, rows, warnings };
}

/** Reads a CSV file: decodes it, detects the delimiter, parses with csv-parse and keeps line numbers. */
export function readCsv(path: string, options: CsvOptions = {}): CsvTable {
  const file = options.displayPath ?? path;
  const bytes = readFileSync(path);
  const { text, encoding, bom } = decodeText(bytes, file, options.encoding ?? 'auto');
  const table = parseCsvText(text, { ...options, file });
  if (options.encoding === 'auto' || options.encoding === undefined) {
    if (encoding !== 'utf-8') {
      table.warnings.push(
        warningAt({ file }, `not UTF-8: read as ${encoding} (declare the encoding to silence this)`),
      );
    }
  }
  return { ...table, encoding, bom };
}
