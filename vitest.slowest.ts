// Prints the slowest test files after a run, so that whoever adds a file sees what the suite's time is made of
// (the suite must stay within three minutes on the 2-core machine).
import { relative } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

export default class Slowest implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const rows = modules
      .map((m) => ({ file: relative(import.meta.dirname, m.moduleId), s: m.diagnostic().duration / 1000 }))
      .sort((a, b) => b.s - a.s)
      .slice(0, 10);
    if (!rows.length) return;
    console.log('\nSlowest test files:');
    for (const r of rows) console.log(`  ${r.s.toFixed(1).padStart(6)} s  ${r.file}`);
  }
}
