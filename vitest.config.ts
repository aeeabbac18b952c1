import { defineConfig } from 'vitest/config';
import LongestFirst from './vitest.sequencer.ts';
import Slowest from './vitest.slowest.ts';

export default defineConfig({
  test: {
    include: [
      'packages/*/{src,test}/**/*.test.ts',
      'pipelines/*/{src,test}/**/*.test.ts',
      'tests/**/*.test.ts',
    ],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Two files at a time on the 2-core machine: most of a heavy file's time is spent in child processes
    // (Chromium, turbo, the stages), which leave a core free. No two files share a build folder they write.
    maxWorkers: 2,
    // A worker runs file after file in one process: the modules (DuckDB, the stages, the TypeScript transforms)
    // are loaded once per worker instead of once per file, which was a sixth of the suite's time.
    isolate: false,
    globalSetup: ['./vitest.setup.ts'],
    sequence: { sequencer: LongestFirst },
    reporters: ['default', new Slowest()],
  },
});
