// matching: the dedupe matching on lists no one has seen. Seeded SYNTHETIC messy rows (tests/synthetic/
// messy-lists.ts: variants of 2009's initiatives and new candidates placed next to them) added to the 2009
// lists, one seed at a time, scored against the generator's truth by benchMessy (pipelines/dedupe/bench/
// messy.bench.ts). The value is seconds for all seeds; the targets are on the worst seed's precision and recall
// and on the missed true pairs review.csv would not show.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@kk/core';
import type { Measurement, Mode, Size, Workload } from '../workload.ts';

const SEEDS = [1, 2, 3, 4, 5];

async function main(n: number): Promise<Measurement> {
  const { benchMessy } = await import('@kk/dedupe/bench/messy');
  const r = await benchMessy(n, SEEDS);
  return {
    value: r.seconds,
    metrics: {
      precision: r.pairPrecision,
      recall: r.pairRecall,
      row_precision: r.rowPrecision,
      row_recall: r.rowRecall,
      missed_not_in_review: r.missedNotInReview,
      existing_moved: r.movedExisting,
    },
    info: {
      seeds: r.seeds.map(({ failures, ...s }) => ({ ...s, missed: failures })),
    },
  };
}

export const matching: Workload = {
  name: 'matching',
  description: `dedupe matching on ${SEEDS.length} seeded messy lists of N synthetic rows each added to 2009 (benchMessy), seconds`,
  unit: 's',
  direction: 'lower',
  sizes: [{ label: '60', n: 60 }],
  runs: () => 1,
  floor: 'none',
  floorDescription: 'none: the quality is the point',
  limits: () => [
    { metric: 'precision', op: '>=', bound: 0.99, text: 'precision ≥ 0.99 (worst seed)' },
    { metric: 'recall', op: '>=', bound: 0.98, text: 'recall ≥ 0.98 (worst seed)' },
    { metric: 'missed_not_in_review', op: '<=', bound: 0, text: 'every missed pair in review.csv' },
    { metric: 'existing_moved', op: '<=', bound: 0, text: 'no 2009 record moved' },
  ],
  prepare: true,
  timeoutSeconds: () => 300,
  async run(mode: Mode, size: Size): Promise<Measurement> {
    if (mode === 'prepare') {
      // The 2009 lists as ingest reads them.
      if (!existsSync(join(REPO_ROOT, 'build', '2009', 'ingest', 'candidates.parquet')))
        execFileSync('npm', ['run', 'stage', '--', 'ingest'], { cwd: REPO_ROOT, stdio: 'ignore' });
      return { value: 0 };
    }
    return main(size.n);
  },
};
