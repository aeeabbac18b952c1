// Benchmark of the dedupe algorithm on SYNTHETIC records (tests/synthetic/dedupe-records.ts):
//   npx tsx pipelines/dedupe/bench/dedupe.bench.ts [10000 100000 1000000]
// Each size runs in a child process of its own, so that its peak RSS is its own. `seconds` is the time of the
// algorithm (normalise, block, score, cluster) from a loaded DuckDB table to the entities; generating and
// loading the records is timed apart. Not a test: timings depend on the machine and its load.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duck } from '@kk/core';
import { loadModel, resolveEntities } from '@kk/matching';
import { writeAndLoadDedupeRecords } from '../../../tests/synthetic/dedupe-records.ts';
import { pairMetrics } from './metrics.ts';

export interface DedupeBench {
  records: number;
  /** Wall-clock seconds of the algorithm alone. */
  seconds: number;
  /** Peak resident memory of the process, generation and loading included. */
  peakRssMb: number;
  precision: number;
  recall: number;
  f1: number;
  /** Seconds to generate and load the records, and of each step of the algorithm. */
  steps: Record<string, number>;
}

/**
 * Generates `n` synthetic records, runs the algorithm on them in this process and scores the result against
 * the generator's truth. DuckDB gets 3 GB and a spill folder, so that a million records stay under 4 GB.
 */
export async function benchDedupe(n: number, seed = 20091): Promise<DedupeBench> {
  const dir = mkdtempSync(join(tmpdir(), 'kk-bench-dedupe-'));
  const duck = await Duck.open({ memory_limit: '3GB', temp_directory: join(dir, 'spill') });
  try {
    const t0 = performance.now();
    await writeAndLoadDedupeRecords(duck, 'syn', n, join(dir, 'records.ndjson'), seed);
    const loaded = performance.now();
    const result = await resolveEntities(duck, 'syn', { model: loadModel() });
    const seconds = (performance.now() - loaded) / 1000;
    await duck.run('CREATE TABLE truth AS SELECT record_id, entity FROM syn');
    const m = await pairMetrics(duck, 'dd_cluster', 'truth');
    return {
      records: n,
      seconds,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      precision: m.precision,
      recall: m.recall,
      f1: m.f1,
      steps: { 'generate and load': (loaded - t0) / 1000, ...result.timings },
    };
  } finally {
    duck.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(n: number): DedupeBench {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--one', String(n)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as DedupeBench;
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--one') {
    console.log(JSON.stringify(await benchDedupe(Number(argv[1]))));
    return;
  }
  const sizes = argv.length ? argv.map(Number) : [10_000, 100_000, 1_000_000];
  const results: DedupeBench[] = [];
  for (const n of sizes) {
    const r = runChild(n);
    results.push(r);
    const steps = Object.entries(r.steps)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ');
    console.log(
      `${String(n).padStart(9)} records: ${r.seconds.toFixed(1)} s, peak RSS ${Math.round(r.peakRssMb)} MB, ` +
        `precision ${r.precision.toFixed(4)}, recall ${r.recall.toFixed(4)}, F1 ${r.f1.toFixed(4)} (${steps})`,
    );
  }
  for (let i = 1; i < results.length; i++) {
    const [a, b] = [results[i - 1], results[i]];
    console.log(`${a.records} → ${b.records} records: time × ${(b.seconds / a.seconds).toFixed(1)}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main(process.argv.slice(2));
}
