// diff: comparing two synthetic editions of N entities (benchDiff of packages/diff). Until packages/diff
// exports benchDiff the workload reports "not available yet" instead of failing. No floor.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@kk/core';
import { BENCH_ROOT, type Measurement, type Mode, type Size, type Workload } from '../workload.ts';

const MODULE = join(REPO_ROOT, 'packages/diff/bench/diff.bench.ts');

interface DiffBench {
  entities: number;
  seconds: number;
  peakRssMb: number;
  [key: string]: unknown;
}

type BenchDiff = (n: number) => Promise<DiffBench>;

/** benchDiff, or why it cannot be had. */
export async function loadBenchDiff(): Promise<{ benchDiff?: BenchDiff; reason?: string }> {
  if (!existsSync(MODULE)) return { reason: 'packages/diff/bench/diff.bench.ts does not exist yet' };
  const mod = (await import(MODULE)) as { benchDiff?: unknown };
  if (typeof mod.benchDiff !== 'function') return { reason: 'packages/diff does not export benchDiff yet' };
  return { benchDiff: mod.benchDiff as BenchDiff };
}

export const diff: Workload = {
  name: 'diff',
  description: 'diff of two synthetic editions with N entities (benchDiff)',
  unit: 's',
  direction: 'lower',
  sizes: [{ label: '100k', n: 100_000 }],
  runs: () => 3,
  budgetSeconds: () => 60,
  floor: 'none',
  floorDescription: 'none',
  limits: () => [{ metric: 'value', op: '<=', bound: 10, text: '≤ 10 s' }],
  prepare: false,
  timeoutSeconds: () => 300,
  env: () => ({ TMPDIR: join(BENCH_ROOT, 'diff', 'tmp') }),
  async run(_mode: Mode, size: Size): Promise<Measurement> {
    const { benchDiff, reason } = await loadBenchDiff();
    if (!benchDiff) return { value: Number.NaN, unavailable: reason };
    mkdirSync(join(BENCH_ROOT, 'diff', 'tmp'), { recursive: true });
    const r = await benchDiff(size.n);
    const { entities, seconds, peakRssMb, ...rest } = r;
    return { value: seconds, peakMb: peakRssMb, metrics: { entities }, info: rest };
  },
};
