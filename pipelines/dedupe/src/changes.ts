// Stable under additions, reported: where this run's entities differ from the previous run's (a new row joined
// two entities or split one), the change is a warning in the console and the manifest, and a row of review.csv
// that needs a decision (sql/changes.sql).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Duck, type Edition, ref, refPath, type Warning } from '@kk/core';
import { scorePairs } from '@kk/matching';
import { SQL } from './sql-dir.ts';

/**
 * Compares the clusters with the previous run's membership (when there is one) and scores a pair of records
 * for each change, so that review.csv can show it. Leaves dd_membership_changes (empty on a first run).
 */
export async function membershipChanges(
  duck: Duck,
  edition: Edition,
  membershipFile: string,
): Promise<Warning[]> {
  // This stage's own last output, read through ref(): a run depends on it, so that a run whose previous output
  // differs from the one it compared with runs again (early cutoff in @kk/core).
  if (!existsSync(refPath(edition, 'dedupe', 'membership'))) {
    await duck.runFile(join(SQL, 'no-changes.sql'));
    return [];
  }
  await duck.runFile(join(SQL, 'record-keys.sql'), {
    membership: await ref(duck, edition, 'dedupe', 'membership'),
    out: 'dd_prev_keys',
  });
  await duck.runFile(join(SQL, 'changes.sql'), {});
  await scorePairs(duck, 'dd_change_candidates', 'dd_change_scored');
  const rows = await duck.rowsOfFile<{ andring: string; entity: string; namn_a: string; namn_b: string }>(
    join(SQL, 'membership-changes.sql'),
  );
  return rows.map((r) => ({
    location: membershipFile,
    message:
      r.andring === 'delad'
        ? `entity ${r.entity} is split by this run: ${r.namn_a} and ${r.namn_b} were one initiative and are two now; see review.csv and decide in beslut.csv`
        : `entities ${r.entity} are joined by this run: ${r.namn_a} and ${r.namn_b} were two initiatives and are one now; see review.csv and decide in beslut.csv`,
  }));
}
