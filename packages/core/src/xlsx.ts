import { closeSync, existsSync, openSync, readSync, renameSync, writeFileSync } from 'node:fs';
import type ExcelJS from 'exceljs';
import type { CsvRow, CsvTable } from './csv.ts';
import { type DeclaredShape, deliveredShape, shapeWarning } from './delivered.ts';
import { columnLetters, InputError, type Location, shown, type Warning } from './errors.ts';

/**
 * Excel workbooks as delivered (the regions' and agencies' exports, SCB's XLSX downloads), read with exceljs
 * into the same table a CSV gives: a header, rows that remember their sheet row, warnings. Places are written
 * `file.xlsx!Sheet!B12`: the table's `file` is `file.xlsx!Sheet`, and `sheet` tells formatLocation and columnOf
 * that lines are rows and columns are cells.
 */

/**
 * A cell's value as the text a CSV export of it would hold. A formula is never evaluated: with `result` (a
 * delivered export) the value Excel cached is taken, with `refuse` (an untrusted answer, whose cached value is
 * not trusted either) the cell is an error. An error value is an error at the cell.
 */
export function cellValueText(
  v: unknown,
  at: () => Location,
  formulas: 'result' | 'refuse' = 'result',
): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as {
      richText?: { text: string }[];
      text?: unknown;
      result?: unknown;
      error?: string;
      formula?: string;
      sharedFormula?: string;
    };
    const formula = o.formula ?? o.sharedFormula;
    if (formulas === 'refuse' && formula !== undefined)
      throw new InputError(
        at(),
        'a typed answer (formulas are not evaluated)',
        `the formula =${shown(formula)}`,
      );
    if (o.error) throw new InputError(at(), 'a value', `the error value ${o.error} in the cell`);
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o || formula) {
      const r = o.result as { error?: string } | undefined | null;
      if (r && typeof r === 'object' && 'error' in r)
        throw new InputError(at(), 'a value', `the formula error ${r.error} (=${formula ?? ''})`);
      return r === undefined || r === null
        ? ''
        : r instanceof Date
          ? r.toISOString().slice(0, 10)
          : String(r);
    }
    if (typeof o.text === 'string') return o.text;
    return '';
  }
  return String(v);
}

/** A delivered sheet's cell: a merged cell's value is in its first cell, the others are empty. */
function cellText(cell: ExcelJS.Cell, at: () => string): string {
  if (cell.isMerged && cell.master.address !== cell.address) return '';
  return cellValueText(cell.value, () => ({ file: at() }));
}

/**
 * One sheet of a workbook (the first, or the one named) as the text of its cells, row by row from row 1, and
 * its place `file.xlsx!Sheet`. A merged cell's value is in its first cell, the others are empty.
 */
export async function readXlsxGrid(
  path: string,
  options: { displayPath?: string; sheet?: string } = {},
): Promise<{ where: string; grid: string[][] }> {
  const file = options.displayPath ?? path;
  if (!existsSync(path)) throw new InputError({ file }, 'an Excel workbook', 'no such file');
  // Loaded when a workbook is read (it takes more than half a second): stages without one do not pay for it.
  const wb = await newWorkbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (err) {
    // An .xlsx is a zip archive: say what the file is rather than what the zip reader made of it.
    const head = Buffer.alloc(4);
    const fd = openSync(path, 'r');
    const got = readSync(fd, head, 0, 4, 0);
    closeSync(fd);
    throw new InputError(
      { file },
      'an Excel workbook (.xlsx)',
      got === 0
        ? 'an empty file (0 bytes)'
        : head[0] !== 0x50 || head[1] !== 0x4b
          ? 'a file that is not one (an .xlsx is a zip archive: is it a CSV or an old .xls renamed .xlsx?)'
          : `a file Excel's format does not read (${(err as Error).message.split('\n')[0]})`,
    );
  }
  const names = wb.worksheets.map((w) => w.name);
  // Sheet names compared in NFC (a macOS export may write them decomposed).
  const wanted = options.sheet?.normalize('NFC');
  const ws = wanted ? wb.worksheets.find((w) => w.name.normalize('NFC') === wanted) : wb.worksheets[0];
  if (!ws) {
    throw new InputError(
      { file },
      options.sheet ? `a sheet named ${shown(options.sheet)}` : 'a sheet',
      `the sheets ${names.map((n) => shown(n)).join(', ') || 'none'}`,
    );
  }
  const where = `${file}!${ws.name}`;
  const width = ws.columnCount;
  const grid: string[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      // Text in NFC, as a CSV is read (delivered.ts): a decomposed "Län" is the mapping's "Län".
      cells.push(
        cellText(cell, () => `${where}!${cell.address}`)
          .replace(/\r\n/g, '\n')
          .normalize('NFC'),
      );
    }
    grid.push(cells);
  }
  return { where, grid };
}

/** Reads one sheet of a workbook (the first, or the one named) into a table; title and notes rows left out. */
export async function readXlsx(
  path: string,
  options: { displayPath?: string; sheet?: string; declared?: DeclaredShape } = {},
): Promise<CsvTable> {
  const { where, grid } = await readXlsxGrid(path, options);
  while (grid.length && grid[grid.length - 1].every((c) => c.trim() === '')) grid.pop();
  if (grid.length === 0)
    throw new InputError({ file: where, line: 1, column: 1 }, 'a header row', 'an empty sheet');
  const shape = deliveredShape(grid, options.declared, where);
  const headerCells = grid[shape.skip];
  // Columns after the last header cell are empty in every export we know; keep the header's width.
  let n = headerCells.length;
  while (n > 0 && headerCells[n - 1].trim() === '') n--;
  const header = headerCells.slice(0, n).map((h) => h.trim());
  const headerLine = shape.skip + 1;
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    const loc = `${where}!${columnLetters(i + 1)}${headerLine}`;
    if (h === '') throw new InputError({ file: loc }, 'a column name', 'an empty header cell');
    if (seen.has(h)) throw new InputError({ file: loc }, 'unique column names', `${shown(h)} twice`);
    seen.set(h, i);
  });
  const rows: CsvRow[] = [];
  for (let i = shape.skip + 1; i < shape.end; i++) {
    const cells = grid[i];
    if (cells.every((c) => c.trim() === '')) continue;
    const extra = cells.findIndex((c, k) => k >= n && c.trim() !== '');
    if (extra >= 0) {
      throw new InputError(
        { file: `${where}!${columnLetters(extra + 1)}${i + 1}` },
        `${n} columns as in the header`,
        `a value beyond them: ${shown(cells[extra])}`,
      );
    }
    const values = cells.slice(0, n);
    rows.push({ line: i + 1, values, record: Object.fromEntries(header.map((h, k) => [h, values[k]])) });
  }
  const warnings: Warning[] = [];
  if (shape.titles.length || shape.notes.length) warnings.push(shapeWarning(where, shape, headerLine));
  return {
    file: where,
    encoding: 'utf-8',
    bom: false,
    crlf: false,
    delimiter: ',',
    header,
    headerLine,
    rows,
    warnings,
    sheet: true,
  };
}

/**
 * A new exceljs workbook. Its class is loaded alone: the package's main module also loads the streaming reader and
 * writer (unzipper, archiver, the CSV support), two thirds of its 0.37 s load, which nothing here uses. Loaded
 * when first asked for.
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: Workbook } = await import('exceljs/lib/doc/workbook.js');
  return new Workbook();
}

/** Writes sheets to one workbook: a frozen, bold header row and column widths fitted to the text. */
export async function writeXlsx(
  path: string,
  sheets: { name: string; header: string[]; rows: string[][] }[],
): Promise<void> {
  const wb = await newWorkbook();
  // A fixed date keeps the workbook the same for the same tables.
  wb.created = new Date(Date.UTC(2000, 0, 1));
  wb.modified = wb.created;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(s.header);
    for (const r of s.rows) ws.addRow(r);
    ws.getRow(1).font = { bold: true };
    ws.columns.forEach((col, i) => {
      const longest = Math.max(
        s.header[i]?.length ?? 0,
        ...s.rows.map((r) =>
          Math.max(
            ...String(r[i] ?? '')
              .split('\n')
              .map((l) => l.length),
          ),
        ),
      );
      col.width = Math.min(60, Math.max(8, longest + 2));
    });
    if (s.rows.length) ws.autoFilter = { from: 'A1', to: `${columnLetters(s.header.length)}1` };
  }
  // exceljs stamps every file of the zip with the time of writing: the same tables must give the same bytes.
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  const fixed = new Date(Date.UTC(2000, 0, 1));
  zip.forEach((_, entry) => {
    entry.date = fixed;
  });
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, path);
}
