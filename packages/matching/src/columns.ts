// A label per record, written to DuckDB through the appender (far cheaper than SQL literals for a million rows).
import { appendTable, type Duck } from '@kk/core';

/** A new table (rid, `column`) from a label per record: labels[rid] for rid 1..n. */
export async function appendLabels(
  duck: Duck,
  table: string,
  column: string,
  labels: Int32Array,
): Promise<void> {
  await appendTable(
    duck,
    table,
    { rid: 'INTEGER', [column]: 'INTEGER' },
    (function* () {
      for (let i = 1; i < labels.length; i++) yield [i, labels[i]];
    })(),
  );
}
