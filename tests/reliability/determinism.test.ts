// Two clean builds of the same inputs give byte-identical files (so caching and diffs can trust them).
// Manifests are compared without their run time, which is the one thing that differs by design.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listFiles } from '@kk/core';
import { afterAll, describe, expect, it } from 'vitest';
import { type TempEdition, tempEdition } from '../support/edition.ts';
import { buildEdition } from '../support/pipeline.ts';

const editions: TempEdition[] = [];
afterAll(() => {
  for (const e of editions) e.cleanup();
});

function comparable(path: string): Buffer {
  if (!path.endsWith('manifest.json')) return readFileSync(path);
  const m = JSON.parse(readFileSync(path, 'utf8'));
  delete m.duration_ms;
  return Buffer.from(JSON.stringify(m));
}

describe('determinism', () => {
  it('two clean builds of 2009 are byte-identical', async () => {
    for (let i = 0; i < 2; i++) {
      const t = tempEdition(2009);
      editions.push(t);
      await buildEdition(t.edition);
    }
    const [a, b] = editions.map((e) => e.edition.buildDir);
    const files = listFiles(a);
    expect(listFiles(b)).toEqual(files);
    expect(files).toContain('kartlaggning-2009.pdf');
    expect(files).toContain('ledger.csv');
    const differing = files.filter((f) => !comparable(join(a, f)).equals(comparable(join(b, f))));
    expect(differing).toEqual([]);
  }, 300_000);
});
