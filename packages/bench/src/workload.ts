// What a workload is: its sizes and targets (read by the runner) and its measurement (run in a child process).
import { join } from 'node:path';
import { REPO_ROOT } from '@kk/core';
import type { Direction, Limit } from './stats.ts';

/** Everything the benchmark writes lives here: synthetic data, logs, PDFs and results.json. */
export const BENCH_ROOT = join(REPO_ROOT, 'build', 'bench');

export interface Size {
  /** As typed after the workload's name: dedupe:100k. */
  label: string;
  n: number;
}

/** prepare: untimed set-up (generating data); main: the workload; floor: the floor it is compared with. */
export type Mode = 'prepare' | 'main' | 'floor';

/** What one child process reports. */
export interface Measurement {
  /** Seconds for a duration workload, pages per second for the render. */
  value: number;
  /** Peak memory (MB) the workload measured itself, when it knows better than the process-tree sampler. */
  peakMb?: number;
  /** Numbers a target may check (f1, pages …), kept per run in results.json. */
  metrics?: Record<string, number>;
  /** Anything else worth keeping in results.json. */
  info?: Record<string, unknown>;
  /** Correctness checks that failed (page references, cache misses): the workload misses its target. */
  problems?: string[];
  /** The floor, when the workload measures it in the same run (employment). */
  floorValue?: number;
  /** The workload cannot run yet (its code is not there); the runner says so instead of failing. */
  unavailable?: string;
  /** Set by the child: the child's own peak resident memory (MB), from process.resourceUsage(). */
  childMaxRssMb?: number;
}

export interface Workload {
  name: string;
  /** One line for the README and --help: what is measured. */
  description: string;
  /** The unit of `value`: 's' (lower is better) or a rate such as 'pages/s' (higher is better). */
  unit: string;
  direction: Direction;
  sizes: Size[];
  /** How many timed runs of a size (the median is taken). */
  runs(size: Size): number;
  /** How the floor is measured: separate runs (mode floor), inside each main run, or none. */
  floor: 'separate' | 'inline' | 'none';
  /** What the floor is, for the README and results.json. */
  floorDescription: string;
  floorRuns?(size: Size): number;
  /**
   * Time budget (seconds) for the timed runs of a size: a further run starts only when the time spent so far
   * plus the last run's fits (the first always runs). Floors get a third. Keeps `npm run bench` near 10 minutes.
   */
  budgetSeconds?(size: Size): number;
  /** The limits of the target; metric names: value, peakMb, and the keys of `metrics`. */
  limits(size: Size): Limit[];
  /** An untimed preparation run in a child (generating synthetic data) before the timed runs. */
  prepare: boolean;
  /** A child taking longer than this is killed and the workload fails. */
  timeoutSeconds(size: Size): number;
  /** Extra environment of the children. */
  env?(size: Size): NodeJS.ProcessEnv;
  /** Runs in the child process. */
  run(mode: Mode, size: Size): Promise<Measurement>;
}
