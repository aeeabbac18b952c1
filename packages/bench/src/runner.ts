// npm run bench [-- <name>[:<size>] …]: runs the workloads, each measurement in a child process of its own,
// prints the table and writes build/bench/results.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { displayPath } from '@kk/core';
import { gitCommit, loadAverage, machine } from './machine.ts';
import { type ChildRun, runChild } from './measure.ts';
import {
  checkTarget,
  formatMemory,
  formatNumber,
  formatRate,
  formatRatio,
  formatSeconds,
  median,
  ratioToFloor,
} from './stats.ts';
import { type BenchRow, formatBenchTable } from './table.ts';
import { BENCH_ROOT, type Measurement, type Mode, type Size, type Workload } from './workload.ts';
import { WORKLOADS } from './workloads/index.ts';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

/** One measurement as kept in results.json. */
export interface RunRecord {
  mode: Mode;
  value?: number;
  /** The peak memory the table uses: the workload's own figure, else the process tree's. */
  peakMb?: number;
  treePeakMb: number;
  childMaxRssMb?: number;
  wallSeconds: number;
  loadavg: [number, number, number] | null;
  metrics?: Record<string, number>;
  info?: Record<string, unknown>;
  problems?: string[];
  floorValue?: number;
  error?: string;
  log: string;
}

export interface SizeResult {
  workload: string;
  size: string;
  n: number;
  unit: string;
  direction: 'lower' | 'higher';
  status: 'measured' | 'unavailable' | 'failed';
  reason?: string;
  runsPlanned: number;
  runs: RunRecord[];
  floorRuns: RunRecord[];
  floorDescription: string;
  median?: number;
  floor?: number;
  ratio?: number;
  peakMb?: number;
  /** Per metric, the worst value over the runs (lowest for a lower bound, highest for an upper one). */
  metrics: Record<string, number>;
  target: { text: string; met: boolean; misses: string[] };
  problems: string[];
  notes: string[];
  loadavg: { start: [number, number, number] | null; end: [number, number, number] | null };
  wallSeconds: number;
}

/** A selection: "dedupe" runs every size, "dedupe:100k" one. */
export function select(names: string[]): { workload: Workload; size: Size }[] {
  if (names.length === 0) return WORKLOADS.flatMap((w) => w.sizes.map((size) => ({ workload: w, size })));
  const out: { workload: Workload; size: Size }[] = [];
  for (const arg of names) {
    const [name, label] = arg.split(':');
    const w = WORKLOADS.find((x) => x.name === name);
    if (!w) {
      throw new UsageError(`unknown workload ${name}; workloads: ${WORKLOADS.map((x) => x.name).join(', ')}`);
    }
    const sizes =
      label === undefined ? w.sizes : w.sizes.filter((s) => s.label.toLowerCase() === label.toLowerCase());
    if (sizes.length === 0) {
      throw new UsageError(`${name} has no size ${label}; sizes: ${w.sizes.map((s) => s.label).join(', ')}`);
    }
    for (const size of sizes)
      if (!out.some((o) => o.workload === w && o.size === size)) out.push({ workload: w, size });
  }
  return out;
}

export class UsageError extends Error {}

/** Runs of one kind for a size, one at a time (`step`), as many as planned while the time budget lasts. */
class Series {
  readonly records: RunRecord[] = [];
  unavailable?: string;
  failed?: string;
  cut = false;
  private spent = 0;
  private stopped = false;

  constructor(
    private readonly workload: Workload,
    private readonly size: Size,
    private readonly mode: Mode,
    private readonly planned: number,
    /** Seconds for this series' own runs (always at least one): a run is not started when the last one's time
     *  would take the series past it. */
    private readonly budgetSeconds: number,
    private readonly say: (s: string) => void,
  ) {}

  get done(): boolean {
    return this.stopped || this.records.length >= this.planned;
  }

  /** Runs the next run, if the series is not done. */
  async step(): Promise<void> {
    if (this.done) return;
    const { workload, size, mode } = this;
    const i = this.records.length;
    const last = this.records[i - 1];
    if (last && this.spent + last.wallSeconds > this.budgetSeconds) {
      this.cut = true;
      this.stopped = true;
      return;
    }
    const tag = `${workload.name}-${size.label}-${mode}-${i + 1}`;
    const run: ChildRun<Measurement> = await runChild<Measurement>({
      args: [CHILD, workload.name, mode, size.label, join(BENCH_ROOT, 'runs', `${tag}.json`)],
      resultPath: join(BENCH_ROOT, 'runs', `${tag}.json`),
      logPath: join(BENCH_ROOT, 'logs', `${tag}.log`),
      env: workload.env?.(size),
      timeoutSeconds: workload.timeoutSeconds(size),
    });
    const m = run.result;
    const record: RunRecord = {
      mode,
      value: m && Number.isFinite(m.value) ? m.value : undefined,
      peakMb: m?.peakMb ?? run.treePeakMb,
      treePeakMb: run.treePeakMb,
      childMaxRssMb: m?.childMaxRssMb,
      wallSeconds: run.wallSeconds,
      loadavg: loadAverage(),
      metrics: m?.metrics,
      info: m?.info,
      problems: m?.problems,
      floorValue: m?.floorValue,
      error: run.error,
      log: displayPath(run.logPath),
    };
    this.records.push(record);
    this.spent += run.wallSeconds;
    if (m?.unavailable) {
      this.unavailable = m.unavailable;
      this.stopped = true;
      return;
    }
    if (!m) {
      this.failed = `${mode} run ${i + 1} failed (${run.error}); see ${displayPath(run.logPath)}:\n${run.logTail}`;
      this.stopped = true;
      return;
    }
    if (mode !== 'prepare') {
      const shown =
        workload.unit === 's' ? formatSeconds(record.value) : formatRate(record.value, workload.unit);
      this.say(
        `  ${mode} ${i + 1}/${this.planned}: ${shown}, peak ${formatMemory(record.peakMb)} (${run.wallSeconds.toFixed(1)} s in all)`,
      );
    }
  }

  /** Every run left. */
  async all(): Promise<this> {
    while (!this.done) await this.step();
    return this;
  }
}

/** Budget (seconds) for the timed runs of one size: further runs stop once it would be exceeded. */
export function budgetFor(workload: Workload, size: Size): number {
  return workload.budgetSeconds?.(size) ?? 90;
}

/** Metrics per key, the worst over the runs for the limits that check them. */
function worstMetrics(workload: Workload, size: Size, runs: RunRecord[]): Record<string, number> {
  const keys = new Set(runs.flatMap((r) => Object.keys(r.metrics ?? {})));
  const limits = workload.limits(size);
  const out: Record<string, number> = {};
  for (const k of keys) {
    const vals = runs.map((r) => r.metrics?.[k]).filter((v): v is number => typeof v === 'number');
    if (!vals.length) continue;
    const lowerBound = limits.some((l) => l.metric === k && l.op === '>=');
    out[k] = lowerBound ? Math.min(...vals) : Math.max(...vals);
  }
  return out;
}

async function measureSize(workload: Workload, size: Size, say: (s: string) => void): Promise<SizeResult> {
  const started = performance.now();
  const limits = workload.limits(size);
  const result: SizeResult = {
    workload: workload.name,
    size: size.label,
    n: size.n,
    unit: workload.unit,
    direction: workload.direction,
    status: 'measured',
    runsPlanned: workload.runs(size),
    runs: [],
    floorRuns: [],
    floorDescription: workload.floorDescription,
    metrics: {},
    target: { text: limits.map((l) => l.text).join(', '), met: false, misses: [] },
    problems: [],
    notes: [],
    loadavg: { start: loadAverage(), end: null },
    wallSeconds: 0,
  };
  const finish = () => {
    result.loadavg.end = loadAverage();
    result.wallSeconds = (performance.now() - started) / 1000;
    return result;
  };
  say(`${workload.name} ${size.label} (load ${result.loadavg.start?.join(' ') ?? '?'})`);
  if (workload.prepare) {
    const p = await new Series(workload, size, 'prepare', 1, Number.POSITIVE_INFINITY, say).all();
    if (p.failed) {
      result.status = 'failed';
      result.reason = p.failed;
      return finish();
    }
  }
  const main = new Series(workload, size, 'main', result.runsPlanned, budgetFor(workload, size), say);
  // A floor measured apart is measured in turn with the runs it is the floor of (main, floor, main, …), so that
  // both meet the same moments of a shared machine, whose pace drifts by a fifth within minutes.
  const floor =
    workload.floor === 'separate'
      ? new Series(
          workload,
          size,
          'floor',
          workload.floorRuns?.(size) ?? 3,
          budgetFor(workload, size) / 3,
          say,
        )
      : undefined;
  while (!main.done || (floor && !floor.done && !main.failed && !main.unavailable)) {
    await main.step();
    if (floor && !main.failed && !main.unavailable) await floor.step();
  }
  result.runs = main.records;
  if (main.unavailable) {
    result.status = 'unavailable';
    result.reason = main.unavailable;
    say(`  not available yet: ${main.unavailable}`);
    return finish();
  }
  if (main.failed) {
    result.status = 'failed';
    result.reason = main.failed;
    say(`  failed: ${main.failed}`);
  }
  const ok = result.runs.filter((r) => r.value !== undefined);
  if (main.cut) result.notes.push(`${ok.length} of ${result.runsPlanned} runs (time budget)`);
  if (floor && !main.failed) {
    result.floorRuns = floor.records;
    if (floor.failed) result.problems.push(`floor: ${floor.failed.split('\n')[0]}`);
    if (floor.cut)
      result.notes.push(
        `floor ${floor.records.length} of ${workload.floorRuns?.(size) ?? 3} runs (time budget)`,
      );
    result.floor = median(floor.records.map((r) => r.value).filter((v): v is number => v !== undefined));
  } else if (workload.floor === 'inline') {
    result.floor = median(ok.map((r) => r.floorValue).filter((v): v is number => v !== undefined));
  }
  result.median = median(ok.map((r) => r.value as number));
  result.ratio = ratioToFloor(result.median, result.floor, workload.direction);
  const peaks = ok.map((r) => r.peakMb).filter((v): v is number => v !== undefined);
  result.peakMb = peaks.length ? Math.max(...peaks) : undefined;
  result.metrics = worstMetrics(workload, size, ok);
  result.problems.push(...new Set(ok.flatMap((r) => r.problems ?? [])));
  const check = checkTarget(limits, {
    ...result.metrics,
    value: result.median,
    peakMb: result.peakMb,
    ratio: result.ratio,
  });
  const misses = [...check.misses, ...result.problems];
  if (result.status === 'failed') misses.unshift(result.reason?.split('\n')[0] ?? 'failed');
  result.target = { text: result.target.text, met: misses.length === 0, misses };
  return finish();
}

function notesOf(r: SizeResult): string {
  const m = r.metrics;
  const parts: string[] = [];
  if (m.f1 !== undefined) parts.push(`F1 ${m.f1.toFixed(3)}`);
  if (m.pages !== undefined) parts.push(`${m.pages} pages`);
  if (m.refsChecked !== undefined) parts.push(r.problems.length ? 'page refs WRONG' : 'page refs ok');
  if (m.cached !== undefined) parts.push(`${m.cached}/${m.tasks} cached`);
  if (m.exportSeconds !== undefined) parts.push(`export ${formatNumber(m.exportSeconds)} s apart`);
  const waited = Math.max(0, ...r.runs.map((x) => Number(x.info?.waitedForLockSeconds ?? 0)));
  if (waited >= 0.5) parts.push(`waited ${formatNumber(waited)} s for another build's lock (not timed)`);
  parts.push(...r.notes);
  return parts.join('; ');
}

export function tableRow(r: SizeResult): BenchRow {
  const show = (v: number | undefined) => (r.unit === 's' ? formatSeconds(v) : formatRate(v, r.unit));
  const measured = r.runs.filter((x) => x.value !== undefined).length;
  if (r.status === 'unavailable') {
    return {
      workload: r.workload,
      size: r.size,
      runs: '0',
      median: '—',
      floor: '—',
      ratio: '—',
      peak: '—',
      target: r.target.text,
      verdict: '–',
      notes: `not available yet (${r.reason})`,
    };
  }
  return {
    workload: r.workload,
    size: r.size,
    runs: String(measured),
    median: show(r.median),
    floor: show(r.floor),
    ratio: formatRatio(r.ratio),
    peak: formatMemory(r.peakMb),
    target: r.target.text,
    verdict: r.target.met ? '✓' : '✗',
    notes: r.status === 'failed' ? `FAILED; ${notesOf(r)}` : notesOf(r),
  };
}

/** Runs the selected workloads (all when `names` is empty); 0 when every target is met, 1 when one is missed. */
export async function runBench(names: string[]): Promise<number> {
  let selection: { workload: Workload; size: Size }[];
  try {
    selection = select(names);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`npm run bench: ${err.message}`);
      return 64;
    }
    throw err;
  }
  mkdirSync(BENCH_ROOT, { recursive: true });
  const say = (s: string) => console.log(s);
  const host = machine();
  const commit = gitCommit();
  const startedAt = new Date();
  const t0 = performance.now();
  say(
    `npm run bench: SYNTHETIC workloads (seeded, generated under ${displayPath(BENCH_ROOT)}/, never committed)\n` +
      `machine: ${host.cpu}, ${host.cores} cores, ${formatMemory(host.memTotalMb)} RAM, node ${host.node}; ` +
      `commit ${commit.commit?.slice(0, 12) ?? 'unknown'}\n`,
  );
  const results: SizeResult[] = [];
  for (const { workload, size } of selection) results.push(await measureSize(workload, size, say));
  const totalSeconds = (performance.now() - t0) / 1000;
  const loadEnd = loadAverage();

  const out = {
    synthetic: true,
    note: 'Seeded synthetic workloads generated at run time under build/bench/; not real data, never committed.',
    command: `npm run bench${names.length ? ` -- ${names.join(' ')}` : ''}`,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    totalSeconds,
    machine: host,
    git: commit,
    loadavg: { end: loadEnd },
    workloads: WORKLOADS.filter((w) => results.some((r) => r.workload === w.name)).map((w) => ({
      name: w.name,
      description: w.description,
      floor: w.floorDescription,
    })),
    results,
  };
  const resultsPath = join(BENCH_ROOT, 'results.json');
  writeFileSync(resultsPath, `${JSON.stringify(out, null, 2)}\n`);

  say('');
  say(formatBenchTable(results.map(tableRow)));
  say('');
  say(
    `ratio: how many times slower than the floor (seconds ÷ floor seconds; floor pages/s ÷ pages/s). ` +
      `Peak memory: the highest of the runs.`,
  );
  say(
    `${formatNumber(totalSeconds)} s in all${totalSeconds > 600 ? ' — OVER the 10-minute budget' : ''}; ` +
      `load average at the end ${loadEnd?.join(' ') ?? '?'} (per workload in ${displayPath(resultsPath)}).`,
  );
  const missed = results.filter((r) => r.status !== 'unavailable' && !r.target.met);
  const unavailable = results.filter((r) => r.status === 'unavailable');
  for (const r of unavailable) say(`not measured: ${r.workload} ${r.size} — ${r.reason}`);
  if (missed.length === 0) {
    say('every target met');
    return 0;
  }
  say('targets missed:');
  for (const r of missed) for (const m of r.target.misses) say(`  ${r.workload} ${r.size}: ${m}`);
  return 1;
}
