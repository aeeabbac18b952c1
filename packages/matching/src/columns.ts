// Integer columns between DuckDB and the clustering: read as arrays, written through an appender (far
// cheaper than SQL literals for a million rows).
import type { Duck } from '@kk/core';

/** The columns of an integer query, as arrays. */
export async function intColumns(duck: Duck, sql: string): Promise<number[][]> {
  const reader = await duck.conn.runAndReadAll(sql);
  const columns = reader.getColumnsJS() as number[][];
  // An empty result has no column arrays at all.
  return Array.from({ length: reader.columnCount }, (_, i) => columns[i] ?? []);
}

/** A new table of integer columns, filled from rows. */
export async function appendRows(
  duck: Duck,
  table: string,
  columns: string,
  rows: Iterable<number[]>,
): Promise<void> {
  await duck.run(`CREATE OR REPLACE TABLE ${table} (${columns})`);
  const app = await duck.conn.createAppender(table);
  for (const row of rows) {
    for (const v of row) app.appendInteger(v);
    app.endRow();
  }
  app.flushSync();
  app.closeSync();
}

/** A new table (rid, `column`) from a label per record: labels[rid] for rid 1..n. */
export async function appendLabels(
  duck: Duck,
  table: string,
  column: string,
  labels: Int32Array,
): Promise<void> {
  await appendRows(
    duck,
    table,
    `rid INTEGER, ${column} INTEGER`,
    (function* () {
      for (let i = 1; i < labels.length; i++) yield [i, labels[i]];
    })(),
  );
}
