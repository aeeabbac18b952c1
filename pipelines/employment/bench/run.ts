// Runs the employment benchmark once in a fresh process (so the peak memory is this run's) and writes
// build/bench/employment/result.json. Usage: npm run bench -w @kk/employment [-- <rows>]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@kk/core';
import { benchEmployment } from './employment.bench.ts';

const rows = Number(process.argv[2] ?? 5_000_000);
const result = await benchEmployment(rows);
const dir = join(REPO_ROOT, 'build/bench/employment');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result));
const ok = result.seconds <= 2 && result.peakRssMb <= 2048;
console.log(ok ? 'within 2 s and 2 GB' : 'over the budget of 2 s / 2 GB');
