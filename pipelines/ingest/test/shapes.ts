// Source lists written in the shapes they arrive in (for the tests of shapes.test.ts and
// tests/reliability/excel-nfd-merge.test.ts): one list of raw/2009 — its header and rows as read from the
// repository — written again as a CSV in another encoding, delimiter and line end, in NFD, with title rows
// above the header and notes rows after the data, with phones and postcodes as a spreadsheet leaves them, or
// as an Excel workbook; or as an empty file, a header only, or notes only.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Encoding, iconvName, REPO_ROOT, readCsv } from '@kk/core';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export interface ListShape {
  format: 'csv' | 'xlsx';
  /** macintosh: Mac OS Roman, as Excel for Mac saves "CSV (Macintosh)". */
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'iso-8859-1' | 'macintosh';
  /** The encoding written in manifest.csv (else auto). */
  declareEncoding: boolean;
  delimiter: ',' | ';' | '\t';
  /** The delimiter written in manifest.csv (else auto). */
  declareDelimiter: boolean;
  /** Line ends: LF, CRLF (Windows), or a CR alone (Excel for Mac's "CSV (Macintosh)"). */
  eol: 'lf' | 'crlf' | 'cr';
  /** Every text decomposed (Unicode NFD), as a macOS export writes it. */
  nfd: boolean;
  /** Title rows above the header (followed by a blank row). */
  titles: number;
  /** Notes rows after the data. */
  notes: number;
  /** Phones and postcodes as text (as in the list), as numbers (52219932; number cells in a workbook), or as
   *  a CSV written from such a sheet by a tool that writes floats (52219932.0). */
  numbers: 'text' | 'numbers' | 'floats';
  body: 'rows' | 'header-only' | 'empty' | 'notes-only';
  /** An empty workbook: a sheet without cells, or a file of 0 bytes. */
  emptyBytes: boolean;
}

export const CLEAN_SHAPE: ListShape = {
  format: 'csv',
  encoding: 'utf-8',
  declareEncoding: true,
  delimiter: ',',
  declareDelimiter: true,
  eol: 'lf',
  nfd: false,
  titles: 0,
  notes: 0,
  numbers: 'text',
  body: 'rows',
  emptyBytes: false,
};

export interface CleanList {
  /** The list's file name in raw/2009/sources/ without its extension. */
  base: string;
  /** Its row of manifest.csv (column → value) and its rows of kolumner.csv. */
  manifest: Record<string, string>;
  columns: { kolumn: string; falt: string }[];
  header: string[];
  rows: string[][];
  /** The file as the repository has it. */
  bytes: Buffer;
}

const SOURCES = join(REPO_ROOT, 'raw', '2009', 'sources');
export const MANIFEST_HEADER = readCsv(join(SOURCES, 'manifest.csv'), { encoding: 'utf-8' }).header;

/** One list of raw/2009 as the repository has it. */
export function cleanList(base: string): CleanList {
  const fil = `${base}.csv`;
  const manifest = readCsv(join(SOURCES, 'manifest.csv'), { encoding: 'utf-8' }).rows.find(
    (r) => r.record.fil === fil,
  )?.record;
  if (!manifest) throw new Error(`${fil} is not in raw/2009/sources/manifest.csv`);
  const columns = readCsv(join(SOURCES, 'kolumner.csv'), { encoding: 'utf-8' })
    .rows.map((r) => r.record)
    .filter((r) => r.fil === fil)
    .map((r) => ({ kolumn: r.kolumn, falt: r.falt }));
  const t = readCsv(join(SOURCES, fil), {
    encoding: manifest.kodning as Encoding,
    delimiter: manifest.avgransare === 'tab' ? '\t' : (manifest.avgransare as ',' | ';'),
  });
  return {
    base,
    manifest,
    columns,
    header: t.header,
    rows: t.rows.map((r) => r.values),
    bytes: readFileSync(join(SOURCES, fil)),
  };
}

/** A CSV field, quoted when it must be. */
export const csvField = (v: string, d: string) =>
  /["\r\n]/.test(v) || v.includes(d) ? `"${v.replaceAll('"', '""')}"` : v;

export const TITLES = ['Klusterinitiativ i länet 2010', 'Export från regionens webbplats'];
export const NOTES = ['Senast uppdaterad 2010-03-01', 'Källa: regionens klusterregister'];

/** A national phone number written with its trunk 0 (054-17 79 40, 0243 - 737 35), as digits without the 0. */
const phoneDigits = (v: string) =>
  /^0[1-9][\d\s-]{4,}\d$/.test(v.trim()) ? v.replace(/\D/g, '').slice(1) : undefined;
const postcodeDigits = (v: string) =>
  /^[1-9]\d{2} ?\d{2}$/.test(v.trim()) ? v.replace(/\D/g, '') : undefined;

/** What a shape did: the file written, its manifest row, and how many rows stand above the header. */
export interface Written {
  fil: string;
  manifest: Record<string, string>;
  columns: { kolumn: string; falt: string }[];
  /** Rows above the header (title rows and the blank row after them). */
  offset: number;
  /** The shape as written: an encoding that cannot hold the text (NFD in Windows-1252, – in ISO-8859-1) falls
   *  back to one that can. */
  shape: ListShape;
  /** Cells written as numbers (phones, postcodes). */
  numbered: number;
}

/** Writes `clean` in `shape` to `dir/<base>.<csv|xlsx>`. */
export async function writeList(dir: string, clean: CleanList, requested: ListShape): Promise<Written> {
  const shape = { ...requested };
  if (shape.format === 'xlsx') {
    shape.encoding = 'utf-8';
    shape.declareEncoding = false;
    shape.declareDelimiter = false;
  }
  const fil = `${clean.base}.${shape.format}`;
  const kind = new Map(clean.columns.map((c) => [c.kolumn, c.falt]));
  let numbered = 0;
  const text = (v: string) => (shape.nfd ? v.normalize('NFD') : v);
  // Cells: strings, or numbers for a workbook's number cells.
  const cell = (col: string, v: string): string | number => {
    if (shape.numbers === 'text') return text(v);
    const f = kind.get(col);
    const digits = f === 'telefon' ? phoneDigits(v) : f === 'postnummer' ? postcodeDigits(v) : undefined;
    if (digits === undefined) return text(v);
    numbered++;
    if (shape.format === 'xlsx') return Number(digits);
    return shape.numbers === 'floats' ? `${digits}.0` : digits;
  };
  const header = clean.header.map(text);
  const data = shape.body === 'rows' ? clean.rows.map((r) => r.map((v, i) => cell(clean.header[i], v))) : [];
  const titles = shape.body === 'empty' ? [] : TITLES.slice(0, shape.titles).map(text);
  const notes = shape.body === 'empty' ? [] : NOTES.slice(0, shape.notes).map(text);
  const offset = titles.length ? titles.length + 1 : 0;
  const path = join(dir, fil);
  mkdirSync(dir, { recursive: true });

  if (shape.format === 'xlsx') {
    if (shape.body === 'empty' && shape.emptyBytes) {
      writeFileSync(path, '');
    } else {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Export');
      let r = 1;
      for (const t of titles) {
        ws.getCell(r, 1).value = t;
        if (header.length > 1) ws.mergeCells(r, 1, r, header.length);
        r++;
      }
      if (titles.length) r++;
      if (shape.body !== 'empty' && shape.body !== 'notes-only') {
        ws.getRow(r++).values = header;
        for (const row of data) ws.getRow(r++).values = row;
      }
      for (const n of notes) ws.getCell(r++, 1).value = n;
      if (shape.body === 'notes-only' && notes.length === 0) ws.getCell(r, 1).value = text(NOTES[0]);
      writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
    }
  } else {
    const d = shape.delimiter;
    const width = header.length;
    const lines: string[] = [];
    for (const t of titles) lines.push(csvField(t, d) + d.repeat(width - 1));
    if (titles.length) lines.push(d.repeat(width - 1));
    if (shape.body !== 'empty' && shape.body !== 'notes-only') {
      lines.push(header.map((h) => csvField(h, d)).join(d));
      for (const row of data) lines.push(row.map((v) => csvField(String(v), d)).join(d));
    }
    for (const n of notes) lines.push(csvField(n, d));
    if (shape.body === 'notes-only' && notes.length === 0) lines.push(csvField(text(NOTES[0]), d));
    const eol = { lf: '\n', crlf: '\r\n', cr: '\r' }[shape.eol];
    const body = lines.length ? lines.join(eol) + eol : '';
    // A legacy encoding holds neither NFD (its combining marks) nor, for ISO-8859-1, – and the like: such a
    // text is written in the encoding that holds it, as a real export would be.
    const fits = (enc: Encoding) => iconv.decode(iconv.encode(body, iconvName(enc)), iconvName(enc)) === body;
    if (shape.encoding === 'iso-8859-1' && !fits('iso-8859-1')) shape.encoding = 'windows-1252';
    if (shape.encoding === 'macintosh' && !fits('macintosh')) shape.encoding = 'utf-8';
    if (shape.encoding === 'windows-1252' && !fits('windows-1252')) shape.encoding = 'utf-8';
    const bytes =
      shape.encoding === 'utf-8' || shape.encoding === 'utf-8-bom'
        ? Buffer.concat([
            Buffer.from(shape.encoding === 'utf-8-bom' ? [0xef, 0xbb, 0xbf] : []),
            Buffer.from(body, 'utf8'),
          ])
        : iconv.encode(body, iconvName(shape.encoding));
    writeFileSync(path, bytes);
  }
  const manifest = {
    ...clean.manifest,
    fil,
    kodning:
      shape.format === 'xlsx' || !shape.declareEncoding
        ? 'auto'
        : shape.encoding === 'utf-8-bom'
          ? 'utf-8'
          : shape.encoding,
    avgransare: shape.declareDelimiter ? (shape.delimiter === '\t' ? 'tab' : shape.delimiter) : 'auto',
  };
  return { fil, manifest, columns: clean.columns, offset, shape, numbered };
}

/** manifest.csv and kolumner.csv for the given lists (as written, or as the repository has them). */
export function writeManifest(
  sources: string,
  lists: { manifest: Record<string, string>; columns: { kolumn: string; falt: string }[] }[],
  nfdColumns = false,
): void {
  const csv = (rows: string[][]) =>
    `${rows.map((r) => r.map((v) => csvField(v, ',')).join(',')).join('\n')}\n`;
  writeFileSync(
    join(sources, 'manifest.csv'),
    csv([MANIFEST_HEADER, ...lists.map((l) => MANIFEST_HEADER.map((h) => l.manifest[h] ?? ''))]),
  );
  writeFileSync(
    join(sources, 'kolumner.csv'),
    csv([
      ['fil', 'kolumn', 'falt'],
      ...lists.flatMap((l) =>
        l.columns.map((c) => [l.manifest.fil, nfdColumns ? c.kolumn.normalize('NFD') : c.kolumn, c.falt]),
      ),
    ]),
  );
}
