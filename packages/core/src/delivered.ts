import { type CsvOptions, type CsvTable, decodeText, lineEndsOfCrOnly, parseCsvText } from './csv.ts';
import { InputError, shown, warningAt } from './errors.ts';

/**
 * Lists as they are delivered: an export often has a title above its header ("Klusterinitiativ i länet 2010",
 * in a merged cell or followed by empty cells) and notes after its data ("Senast uppdaterad 2010-03-01",
 * "Källa: …"). They are recognised — or declared in the manifest — kept out of the records, and reported once
 * as a warning. The rule is the same for CSV and Excel: it looks at the cells of each row.
 */

export interface DeclaredShape {
  /** The header's row (1-based physical line or sheet row), when declared; else recognised. */
  headerRow?: number;
  /** How many rows at the end are notes, when declared; else recognised. */
  notesRows?: number;
}

export interface Shape {
  /** Rows (0-based) before the header: title rows and blank rows. */
  skip: number;
  /** Rows (0-based index, exclusive) that belong to the table; the rest are notes or blank. */
  end: number;
  titles: string[];
  notes: string[];
}

/** A notes row's usual beginnings (Swedish and English exports). */
const NOTE =
  /^(senast|uppdaterad|uppdatering|källa|källor|kalla|not\b|noter|anm|anmärkning|obs|fotnot|\*|©|source|updated|last updated|note)/i;

const filled = (cells: string[]) => cells.map((c) => c.trim()).filter((c) => c !== '');

/**
 * Where a delivered table's header and data are. A title row has at most one filled cell and comes before the
 * first row with two or more; a notes row, at the end, has one filled cell that reads like a note (or is declared).
 */
export function deliveredShape(rows: string[][], declared: DeclaredShape = {}, file = ''): Shape {
  // Nothing to look at (an empty file or sheet): the caller's "a header line, found an empty file" says so.
  if (rows.every((r) => filled(r).length === 0)) {
    throw new InputError(
      { file, line: 1, column: 1 },
      'a header line with the column names',
      rows.length ? 'only empty cells and blank lines' : 'an empty file',
    );
  }
  let skip = 0;
  if (declared.headerRow !== undefined) {
    skip = declared.headerRow - 1;
    if (skip < 0 || skip >= rows.length)
      throw new InputError(
        { file },
        `a header on row ${declared.headerRow} (as declared)`,
        `${rows.length} rows`,
      );
  } else {
    while (skip < rows.length - 1 && filled(rows[skip]).length <= 1) skip++;
    // A header is followed by rows of its width; otherwise the rows were not split right (a wrong delimiter
    // declared, say), and the reader's own message about the first line says so better than a guess here.
    // (Blank rows and a notes row straight after the header, as in a list with no rows yet, say nothing.)
    const next = rows.slice(skip + 1).find((r) => filled(r).length > 0);
    const note = next && filled(next).length === 1 && NOTE.test(filled(next)[0]);
    if (filled(rows[skip]).length <= 1 || (next && !note && next.length !== rows[skip].length)) skip = 0;
    // Every row with text has one cell, and the first reads like a note ("Senast uppdaterad …"): an export
    // that kept its notes and lost its table. Said here, rather than as a missing column of a header of notes.
    const texts = rows.map(filled).filter((f) => f.length);
    if (texts.every((f) => f.length === 1) && NOTE.test(texts[0][0])) {
      const at = rows.findIndex((r) => filled(r).length > 0);
      throw new InputError(
        { file, line: at + 1, column: 1 },
        'a header line with the column names, and the rows of the list',
        `only notes (${shown(texts[0][0])}${texts.length > 1 ? ` and ${texts.length - 1} more` : ''})`,
      );
    }
  }
  let end = rows.length;
  if (declared.notesRows !== undefined) {
    end = rows.length - declared.notesRows;
    while (end > skip + 1 && filled(rows[end - 1]).length === 0) end--;
  } else {
    while (end > skip + 1) {
      const f = filled(rows[end - 1]);
      if (f.length === 0 || (f.length === 1 && NOTE.test(f[0]))) end--;
      else break;
    }
  }
  // Blank rows are not notes: keep only what has text, for the warning.
  return {
    skip,
    end,
    titles: rows
      .slice(0, skip)
      .map(filled)
      .filter((f) => f.length)
      .map((f) => f.join(' ')),
    notes: rows
      .slice(end)
      .map(filled)
      .filter((f) => f.length)
      .map((f) => f.join(' ')),
  };
}

/** The warning that a list had title or notes rows (once per file). */
export function shapeWarning(file: string, shape: Shape, headerLine: number) {
  const parts = [
    shape.titles.length
      ? `${shape.titles.length} title row(s) above the header (${shown(shape.titles[0])})`
      : '',
    shape.notes.length ? `${shape.notes.length} notes row(s) after the data (${shown(shape.notes[0])})` : '',
  ].filter(Boolean);
  return warningAt({ file, line: headerLine }, `${parts.join(' and ')}: kept out of the records`);
}

/** Splits a physical CSV line into its fields (quotes respected; enough to see which cells are filled). */
function fieldsOf(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const c of line.replace(/\r$/, '')) {
    if (c === '"') quoted = !quoted;
    else if (c === delimiter && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * Reads a delivered CSV: title rows above the header and notes rows after the data are recognised (or
 * declared), left out, and reported in one warning; the rest is read as readCsv reads a clean file, with the
 * physical line numbers of the file.
 */
export function readDeliveredCsv(
  bytes: Uint8Array,
  options: CsvOptions & { file: string; declared?: DeclaredShape },
): CsvTable {
  const decoded = decodeText(bytes, options.file, options.encoding ?? 'auto');
  const { encoding, bom } = decoded;
  // A macOS export writes å, ä and ö decomposed (NFD): headers and values are compared, and kept, in NFC.
  const text = lineEndsOfCrOnly(decoded.text.normalize('NFC'));
  if (text.trim() === '') {
    throw new InputError({ file: options.file, line: 1, column: 1 }, 'a header line', 'an empty file');
  }
  const lines = text.split('\n');
  const last = lines.length && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  const delimiter =
    options.delimiter && options.delimiter !== 'auto'
      ? options.delimiter
      : ([',', ';', '\t'] as const).reduce(
          (best, d) => {
            const n = Math.max(...lines.slice(0, Math.min(last, 20)).map((l) => fieldsOf(l, d).length));
            return n > best.n ? { d, n } : best;
          },
          { d: ',' as ',' | ';' | '\t', n: 0 },
        ).d;
  const rows = lines.slice(0, last).map((l) => fieldsOf(l, delimiter));
  const shape = deliveredShape(rows, options.declared, options.file);
  const body = lines.slice(0, shape.end).join('\n');
  const table = parseCsvText(shape.end < last ? `${body}\n` : text, {
    ...options,
    skipLines: shape.skip,
  });
  if (shape.titles.length || shape.notes.length)
    table.warnings.push(shapeWarning(options.file, shape, table.headerLine));
  if (encoding !== 'utf-8' && (options.encoding === 'auto' || options.encoding === undefined)) {
    table.warnings.push(
      warningAt(
        { file: options.file },
        `not UTF-8: read as ${encoding} (declare the encoding to silence this)`,
      ),
    );
  }
  return { ...table, encoding, bom };
}
