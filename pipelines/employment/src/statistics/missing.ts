import { appendTable, type Duck, type Encoding, formatLocation, inSheet, lit } from '@kk/core';
import { runSql, sqlText } from '../sql.ts';
import type { Layout } from './layout.ts';
import { placeNullCells } from './places.ts';

/** PxWeb's symbols for a value that is not given: read as NULL (missing), never as zero. */
export const MISSING = ['', '.', '..', '...', '-', '–', '—'];

interface Source {
  path: string;
  file: string;
  fil: string;
  encoding: Encoding;
  layout: Layout;
  bodyStart: number;
  bodyEnd: number;
}

/**
 * Records every missing value of a file in `missing_cells`, with its symbol and place (file:line:column), so
 * that a figure which depends on it can say which cell it lacks. DuckDB has already read the values (the
 * symbols as NULL) into the keyed table of the file's lines; only when it found a NULL is the file read again
 * here, in large pieces, to find each symbol's line and column. The cells' codes come from the keyed table,
 * whose line `rad` is the n-th record of the data here too.
 */
export async function recordMissingCells(duck: Duck, src: Source, keyed: string): Promise<number> {
  const { layout } = src;
  const valueCols = layout.long ? [layout.long.value] : layout.years.map((y) => y.index);
  const [records, fields] = await duck.intColumns(
    sqlText('14_null_values.sql', {
      keyed,
      any_null: valueCols.map((c) => `c${c} IS NULL`).join(' OR '),
      null_columns: valueCols.map((c) => `CASE WHEN c${c} IS NULL THEN ${c} END`).join(', '),
    }),
  );
  if (records.length === 0) return 0;
  const places = placeNullCells(
    {
      path: src.path,
      encoding: src.encoding,
      bodyStart: src.bodyStart,
      bodyEnd: src.bodyEnd,
      firstLine: layout.headerLine + 1,
      delimiter: layout.delimiter,
      width: layout.header.length,
      missing: MISSING,
      yearField: layout.long?.year,
    },
    { records, fields },
    await duck.count(keyed),
  );
  const yearOf = new Map(layout.years.map((y) => [y.index, y.ar]));
  const sheet = inSheet(src.file);
  await appendTable(
    duck,
    'missing_raw',
    {
      record: 'INTEGER',
      rad: 'INTEGER',
      kolumn: 'INTEGER',
      symbol: 'VARCHAR',
      ar: 'INTEGER',
      plats: 'VARCHAR',
    },
    places.map((p) => {
      // In a workbook's sheet a column is a cell (its letter in the place); in a CSV file a character.
      const kolumn = sheet ? p.field + 1 : p.column;
      return [
        p.record,
        p.line,
        kolumn,
        p.symbol,
        p.year === undefined ? yearOf.get(p.field) : Number(p.year),
        formatLocation({ file: src.file, line: p.line, column: kolumn }),
      ];
    }),
  );
  await runSql(duck, '25_missing_cells.sql', {
    keyed,
    sex_filter:
      layout.sex !== undefined ? `SEMI JOIN sex_map sx ON sx.label = k.c${layout.sex} AND sx.keep` : '',
    fil: lit(src.fil),
  });
  return places.length;
}

/** Creates the empty table of missing cells that every file's reading adds to. */
export async function prepareMissingCells(duck: Duck): Promise<void> {
  await runSql(duck, '11_missing_cells.sql');
}
