import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readXlsxGrid } from '@kk/core';
import type { StatFileSpec } from './manifest.ts';
import { MISSING } from './missing.ts';

const NUMBER = /^\s*-?\d+(\.\d+)?\s*$/;
const quote = (v: string) => (v === '' || NUMBER.test(v) ? v.trim() : `"${v.replaceAll('"', '""')}"`);

/**
 * A statistics workbook (Statistikdatabasen's XLSX download) as the CSV the reader takes: one line per sheet
 * row, so that a line number is the sheet's row and a message points at `file.xlsx!Sheet!C12`. Statistikdatabasen
 * writes a label once over the rows it heads (a merged cell, or blank cells below it): in a data row, an empty
 * label cell left of the first value takes the label above it. Numbers stored as numbers are written as digits;
 * the empty cells at the end of a row are left out, so that a title or a note is a line of one field.
 */
export async function workbookAsCsv(spec: StatFileSpec, tmpDir: string) {
  const { where, grid } = await readXlsxGrid(spec.path, { displayPath: spec.file, sheet: spec.sheet });
  // A value: a number, or one of PxWeb's symbols for a value not given.
  const isValue = (v: string) => NUMBER.test(v) || (v.trim() !== '' && MISSING.includes(v.trim()));
  const above: string[] = [];
  const rows = grid.map((row) => {
    const cells = [...row];
    while (cells.length && cells[cells.length - 1].trim() === '') cells.pop();
    const first = cells.findIndex(isValue);
    // A data row: a value after a label, its own or the one above (the header, "region" … "2008", counts as one).
    const data = first > 0 && (above.length > 0 || cells.slice(0, first).some((c) => c.trim() !== ''));
    const filled = cells.map((c, i) => {
      if (!data || i >= first) return c;
      if (c.trim() === '') return above[i] ?? '';
      above[i] = c;
      return c;
    });
    if (!data) above.length = 0;
    return { data, filled };
  });
  const width = rows.reduce((w, r) => (r.data ? Math.max(w, r.filled.length) : w), 0);
  const lines = rows.map(({ data, filled }) =>
    (data ? [...filled, ...Array<string>(Math.max(0, width - filled.length)).fill('')] : filled)
      .map(quote)
      .join(','),
  );
  const path = join(tmpDir, `${spec.fil}.sheet.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  const csv: StatFileSpec = { ...spec, path, file: where, encoding: 'utf-8', delimiter: ',' };
  return csv;
}
