// A label per record, written to DuckDB a vector at a time (far cheaper than SQL literals, or rows, for a
// million records).
import { appendIntColumns, type Duck } from '@kk/core';

/** A new table (rid, `column`) from a label per record: labels[rid] for rid 1..n. */
export async function appendLabels(
  duck: Duck,
  table: string,
  column: string,
  labels: Int32Array,
): Promise<void> {
  const n = Math.max(labels.length - 1, 0);
  const rids = new Int32Array(n);
  for (let i = 0; i < n; i++) rids[i] = i + 1;
  await appendIntColumns(duck, table, ['rid', column], [rids, labels.subarray(1)]);
}
