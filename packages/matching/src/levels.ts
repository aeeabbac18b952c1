// Runs sql/levels.sql: the levels of a set of pairs, for the candidates, the estimation's random pairs and the
// pairs added later (inside would-be clusters, near pairs, changes).
import { join } from 'node:path';
import type { Duck } from '@kk/core';
import { SQL_DIR } from './model.ts';

/** Levels of the pairs in `pairs` (a, b, nycklar) into `out`; `params` are modelSqlParams'. */
export async function runLevels(
  duck: Duck,
  params: Record<string, string>,
  pairs: string,
  out: string,
): Promise<void> {
  await duck.runFile(join(SQL_DIR, 'levels.sql'), { ...params, pairs, out });
}
