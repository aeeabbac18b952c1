// One measurement in a process of its own: node --import tsx child.ts <workload> <mode> <size> <result.json>.
// The runner (runner.ts) starts it, samples the memory of its process tree and reads the result file.
import { writeFileSync } from 'node:fs';
import { reportError } from '@kk/core';
import type { Mode } from './workload.ts';
import { findWorkload } from './workloads/index.ts';

const [name, mode, label, out] = process.argv.slice(2);
try {
  const workload = findWorkload(name);
  const size = workload.sizes.find((s) => s.label === label);
  if (!size) throw new Error(`${name} has no size ${label}`);
  const m = await workload.run(mode as Mode, size);
  m.childMaxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  writeFileSync(out, `${JSON.stringify(m)}\n`);
  // DuckDB and Chromium may leave handles open; the measurement is done.
  process.exit(0);
} catch (err) {
  process.exitCode = reportError(err) || 1;
}
