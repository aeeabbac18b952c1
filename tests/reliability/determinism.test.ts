// A clean build of the same inputs is byte-identical to the one `npm run report` made (the suite's global setup
// builds build/2009 through the command, turbo and the compiled stages; this one runs every stage in process on
// a fresh copy), so caching, early cutoff and diffs can trust the files. Manifests are compared without their run
// time, the one thing that differs by design, and without a stage's read of its own last output.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles, REPO_ROOT } from '@kk/core';
import { afterAll, describe, expect, it } from 'vitest';
import { type TempEdition, tempEdition } from '../support/edition.ts';
import { buildEdition } from '../support/pipeline.ts';

let t: TempEdition | undefined;
afterAll(() => t?.cleanup());

function comparable(path: string): Buffer {
  if (!path.endsWith('manifest.json')) return readFileSync(path);
  const m = JSON.parse(readFileSync(path, 'utf8'));
  delete m.duration_ms;
  // A stage's read of its own last output (dedupe compares with its previous run) is there only when there was
  // one: a clean build has none.
  for (const key of Object.keys(m.reads ?? {})) if (key.startsWith(`2009/${m.stage}.`)) delete m.reads[key];
  return Buffer.from(JSON.stringify(m));
}

describe('determinism', () => {
  it('a clean build of 2009 is byte-identical to the one npm run report made', async () => {
    t = tempEdition(2009);
    await buildEdition(t.edition);
    const fresh = t.edition.buildDir;
    const published = join(REPO_ROOT, 'build', '2009');
    const files = listFiles(fresh);
    expect(files).toContain('kartlaggning-2009.pdf');
    expect(files).toContain('ledger.csv');
    expect(files.filter((f) => !existsSync(join(published, f)))).toEqual([]);
    const differing = files.filter((f) => !comparable(join(fresh, f)).equals(comparable(join(published, f))));
    expect(differing).toEqual([]);
  }, 300_000);
});
