// @kk/bench: `npm run bench` — seeded synthetic workloads timed against floors (see README.md).
export { gitCommit, loadAverage, machine } from './machine.ts';
export { runBench, type SizeResult, select, tableRow } from './runner.ts';
export { checkTarget, median, ratioToFloor } from './stats.ts';
export { type BenchRow, formatBenchTable, formatTable } from './table.ts';
export type { Measurement, Size, Workload } from './workload.ts';
export { WORKLOADS } from './workloads/index.ts';
