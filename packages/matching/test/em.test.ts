// Expectation–maximisation of m: it finds the parameters that made a mixture of pairs, whatever the order of
// the pairs, and takes labelled pairs as they are.
import { describe, expect, it } from 'vitest';
import { type EmStart, expectationMaximisation, type LevelShares, type Pattern } from '../src/em.ts';
import { FEATURES, type Feature, LEVELS, loadModel } from '../src/model.ts';

const model = loadModel();
const start: EmStart = {
  m: Object.fromEntries(
    FEATURES.map((f) => [f, Object.fromEntries(LEVELS[f].map((l) => [l, model.features[f].levels[l].m]))]),
  ) as LevelShares,
  u: Object.fromEntries(
    FEATURES.map((f) => [f, Object.fromEntries(LEVELS[f].map((l) => [l, model.features[f].levels[l].u]))]),
  ) as LevelShares,
  lambda: 0.25,
};
const options = { pseudoPairs: 0, maxIterations: 5000, tolerance: 1e-9 };

// A mixture with known parameters over three features (the others missing; two would not identify it):
// 3 000 matches and 7 000 others, each level combination counted exactly.
const truth: Partial<Record<Feature, { m: Record<string, number>; u: Record<string, number> }>> = {
  namn: { m: { exakt: 0.7, nastan: 0.2, olika: 0.1 }, u: { exakt: 0.01, nastan: 0.04, olika: 0.95 } },
  webb: { m: { samma: 0.8, olika: 0.2 }, u: { samma: 0.05, olika: 0.95 } },
  telefon: { m: { samma: 0.6, olika: 0.4 }, u: { samma: 0.03, olika: 0.97 } },
};
function mixture(matches: number, others: number): Pattern[] {
  const features = Object.keys(truth) as Feature[];
  let combos: Record<string, string>[] = [{}];
  for (const f of features)
    combos = combos.flatMap((c) => Object.keys(truth[f]?.m ?? {}).map((l) => ({ ...c, [f]: l })));
  return combos.map((c) => {
    const p = (k: 'm' | 'u') => features.reduce((x, f) => x * (truth[f]?.[k][c[f]] ?? 0), 1);
    const levels = Object.fromEntries(FEATURES.map((f) => [f, c[f] ?? 'saknas'])) as Record<Feature, string>;
    return { levels, count: matches * p('m') + others * p('u'), label: null };
  });
}

describe('expectation–maximisation', () => {
  it('recovers the m and the share of matches that made the pairs', () => {
    const r = expectationMaximisation(mixture(3000, 7000), start, options);
    expect(r.converged, `${r.iterations} rounds`).toBe(true);
    expect(r.lambda).toBeCloseTo(0.3, 3);
    expect(r.m.namn.exakt).toBeCloseTo(0.7, 3);
    expect(r.m.namn.olika).toBeCloseTo(0.1, 3);
    expect(r.m.webb.samma).toBeCloseTo(0.8, 3);
    expect(r.m.telefon.samma).toBeCloseTo(0.6, 3);
    expect(r.u.webb.samma).toBeCloseTo(0.05, 3);
  });

  it('gives the same result whatever the order of the pairs', () => {
    const p = mixture(3000, 7000);
    const a = expectationMaximisation(p, start, options);
    const b = expectationMaximisation([...p].reverse(), start, options);
    expect(b.m).toEqual(a.m);
    expect(b.lambda).toBe(a.lambda);
  });

  it('takes a labelled pair as it is, whatever its levels say', () => {
    const p = mixture(3000, 7000);
    const odd: Pattern = {
      levels: { namn: 'olika', webb: 'olika', telefon: 'olika', postnummer: 'saknas', kontakt: 'saknas' },
      count: 5,
      label: 'samma',
    };
    const r = expectationMaximisation([...p, odd], start, options);
    expect(r.posterior.at(-1)).toBe(1);
    const other = expectationMaximisation(
      [...p, { ...odd, label: 'olika', levels: { ...odd.levels, namn: 'exakt', webb: 'samma' } }],
      start,
      options,
    );
    expect(other.posterior.at(-1)).toBe(0);
  });
});
