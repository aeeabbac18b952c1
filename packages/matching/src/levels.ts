// Runs sql/levels.sql, choosing which side the joins of its name levels stream. DuckDB runs a scan on as many
// threads as the table has row groups (122 880 rows each). Left to itself, the planner builds on the pairs of
// names and streams the names (dd_names), which is right for many names (the wide names are not copied into a
// hash table) but puts every pair on one thread when the names fit in one row group; there the pairs of names
// are streamed instead. The pairs' own statement streams the pairs when there are as many as records or more, and
// is left to the planner, which builds on them, when there are fewer (levels.sql).
import { join } from 'node:path';
import { type Duck, lit, ROW_GROUP } from '@kk/core';
import { SQL_DIR } from './model.ts';

/** Levels of the pairs in `pairs` (a, b, nyckelmask) into `out` (no model needed: weigh.sql weighs them). */
export async function runLevels(duck: Duck, pairs: string, out: string): Promise<void> {
  const names = await duck.count('dd_names');
  const few = (await duck.count(pairs)) < (await duck.count('dd_compare'));
  await duck.runFile(join(SQL_DIR, 'levels.sql'), {
    pairs,
    out,
    name_optimizers: lit(names <= ROW_GROUP ? 'build_side_probe_side' : ''),
    pair_optimizers: lit(few ? '' : 'join_order,build_side_probe_side'),
  });
}
