// The 2009 raw data against the published report's text, where that text is present (beside the
// repository on the developers' machines). Without it these checks are skipped, and say so.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFactsheets } from './factsheet-check.ts';
import { HAVE_SEED, loadFactsheetCheckInputs, REPO, SEED_PATH } from './load.ts';
import { checkCriteria, checkProse, FILES } from './prose-check.ts';

const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined);

describe.skipIf(!HAVE_SEED)('raw/2009 equals the seed', () => {
  const seed = HAVE_SEED ? readFileSync(SEED_PATH, 'utf8') : '';

  it('every field of all 68 fact sheets and every description', () => {
    const { index, records, repairs } = loadFactsheetCheckInputs();
    const results = checkFactsheets(seed, index, records, repairs);
    expect(results).toHaveLength(68);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it('the prose chapters, their footnotes and the criteria', () => {
    const content = join(REPO, 'raw/2009/content');
    const criteria = join(REPO, 'raw/2009/criteria');
    const files = Object.fromEntries(FILES.map((f) => [f, read(join(content, f))]));
    const results = [
      ...checkProse(seed, files),
      ...checkCriteria(seed, read(join(criteria, 'kriterier.csv')), read(join(criteria, 'indikatorer.csv'))),
    ];
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(13);
  });

  it('fails when a fact-sheet field differs from the seed', () => {
    const { index, records, repairs } = loadFactsheetCheckInputs();
    const tampered = records.map((r) =>
      r.id === 'telecom-city' ? { ...r, fields: { ...r.fields, startar: '1994' } } : r,
    );
    const bad = checkFactsheets(seed, index, tampered, repairs).filter((r) => !r.ok);
    expect(bad.map((r) => r.id)).toEqual(['telecom-city']);
    expect(bad[0].message).toMatch(/differs in startar/);
  });
});
