// Runs sql/levels.sql, choosing which side its joins stream. DuckDB runs a scan on as many threads as the table
// has row groups (122 880 rows each). The planner builds on the pairs and streams the records (dd_compare); up to
// one row group of records that put every level of every pair on one thread, so there the pairs are streamed
// instead. With more records the planner's choice is kept: building on a million records took more memory than
// the benchmark allows.
import { join } from 'node:path';
import { type Duck, lit, ROW_GROUP } from '@kk/core';
import { SQL_DIR } from './model.ts';

/** Levels of the pairs in `pairs` (a, b, nycklar) into `out`; `params` are modelSqlParams'. */
export async function runLevels(
  duck: Duck,
  params: Record<string, string>,
  pairs: string,
  out: string,
): Promise<void> {
  const records = await duck.count('dd_records');
  await duck.runFile(join(SQL_DIR, 'levels.sql'), {
    ...params,
    pairs,
    out,
    disabled_optimizers: lit(records <= ROW_GROUP ? 'build_side_probe_side' : ''),
  });
}
