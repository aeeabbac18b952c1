// Temporary folders for tests that do not remove their own: made in the folder the suite's global setup made for
// this run (KK_TEST_TMP, vitest.setup.ts), which its teardown removes. (A worker's exit hook would not do: vitest
// ends its workers with a signal.)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new empty folder, removed with the run's temporary folder at the end of the suite. */
export function tempDir(prefix: string): string {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: the test suite's own folder, which no stage reads
  return mkdtempSync(join(process.env.KK_TEST_TMP ?? tmpdir(), prefix));
}
