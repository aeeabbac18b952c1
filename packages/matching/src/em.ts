// Expectation–maximisation of the m probabilities over the candidate pairs, as in Splink (and Fellegi–Sunter's
// own use of Winkler's EM): the pairs are a mixture of matches and non-matches; each round computes every pair's
// probability of being a match from the current parameters (E) and re-estimates the parameters as that
// probability's weighted level shares (M). Pure and deterministic: the same patterns and start give the same
// result, whatever the order of the patterns.
//
// The non-matches among candidate pairs are not random pairs: blocking chose them for a similar name or a shared
// key, so their level shares (`uCandidates`) are estimated here for themselves and used only inside the EM. The
// model keeps the match side (m; nearly every true pair is a candidate) and takes u from random pairs
// (estimate.ts).

import { FEATURES, type Feature, LEVELS } from './model.ts';

/** Every candidate pair with the same levels, counted once. `label` is an analyst's or a rule's answer. */
export interface Pattern {
  levels: Record<Feature, string>;
  count: number;
  label: 'samma' | 'olika' | null;
}

export type LevelShares = Record<Feature, Record<string, number>>;

export interface EmStart {
  m: LevelShares;
  u: LevelShares;
  /** Share of matches among the candidate pairs. */
  lambda: number;
}

export interface EmResult extends EmStart {
  iterations: number;
  converged: boolean;
  /** The match probability of each pattern, in the order given. */
  posterior: number[];
}

export interface EmOptions {
  /** Weight, in pairs, of the start values as a prior on each feature's shares (keeps an unseen level off 0). */
  pseudoPairs: number;
  maxIterations: number;
  tolerance: number;
}

const MISSING = 'saknas';

/** The product of m/u over the features both records give. */
export function likelihoodRatio(levels: Record<Feature, string>, m: LevelShares, u: LevelShares): number {
  let r = 1;
  for (const f of FEATURES) {
    const l = levels[f];
    if (l === MISSING) continue;
    r *= m[f][l] / u[f][l];
  }
  return r;
}

/** Level shares from weighted counts, smoothed towards `prior` with `pseudo` pairs. */
export function shares(
  counts: Record<Feature, Record<string, number>>,
  prior: LevelShares,
  pseudo: number,
): LevelShares {
  const out = {} as LevelShares;
  for (const f of FEATURES) {
    const total = LEVELS[f].reduce((s, l) => s + counts[f][l], 0);
    // A feature no pair gives keeps its prior shares.
    if (total + pseudo === 0) {
      out[f] = { ...prior[f] };
      continue;
    }
    out[f] = Object.fromEntries(
      LEVELS[f].map((l) => [l, (counts[f][l] + pseudo * prior[f][l]) / (total + pseudo)]),
    );
  }
  return out;
}

/** Weighted counts per level, all 0. */
export const zeroCounts = () =>
  Object.fromEntries(FEATURES.map((f) => [f, Object.fromEntries(LEVELS[f].map((l) => [l, 0]))])) as Record<
    Feature,
    Record<string, number>
  >;

export function expectationMaximisation(given: Pattern[], start: EmStart, options: EmOptions): EmResult {
  // Summed in one order, by the patterns' levels and label, so that the order they come in changes no bit.
  const key = (p: Pattern) => `${FEATURES.map((f) => p.levels[f]).join(' ')} ${p.label ?? ''} ${p.count}`;
  const order = given
    .map((_, i) => i)
    .sort((a, b) => (key(given[a]) < key(given[b]) ? -1 : key(given[a]) > key(given[b]) ? 1 : 0));
  const patterns = order.map((i) => given[i]);
  let { m, u, lambda } = start;
  let posterior: number[] = [];
  let iterations = 0;
  let converged = false;
  while (iterations < options.maxIterations) {
    iterations++;
    posterior = patterns.map((p) => {
      if (p.label === 'samma') return 1;
      if (p.label === 'olika') return 0;
      const r = lambda * likelihoodRatio(p.levels, m, u);
      return r / (r + 1 - lambda);
    });
    const mc = zeroCounts();
    const uc = zeroCounts();
    // The share of matches among the pairs EM has to guess: labelled pairs are not a random part of the
    // candidates (the previous edition's entities, the fact sheets), so they inform m and u but not this.
    let matches = 0;
    let all = 0;
    patterns.forEach((p, i) => {
      const w = posterior[i] * p.count;
      if (p.label === null) {
        matches += w;
        all += p.count;
      }
      for (const f of FEATURES) {
        const l = p.levels[f];
        if (l === MISSING) continue;
        mc[f][l] += w;
        uc[f][l] += p.count - w;
      }
    });
    const next = {
      m: shares(mc, start.m, options.pseudoPairs),
      u: shares(uc, start.u, options.pseudoPairs),
      // Kept inside (0, 1) so that one more round can always move it.
      lambda: Math.min(Math.max(all ? matches / all : lambda, 1e-9), 1 - 1e-9),
    };
    let change = Math.abs(next.lambda - lambda);
    for (const f of FEATURES)
      for (const l of LEVELS[f])
        change = Math.max(change, Math.abs(next.m[f][l] - m[f][l]), Math.abs(next.u[f][l] - u[f][l]));
    ({ m, u, lambda } = next);
    if (change < options.tolerance) {
      converged = true;
      break;
    }
  }
  const inGivenOrder = new Array<number>(given.length);
  order.forEach((i, k) => {
    inGivenOrder[i] = posterior[k];
  });
  return { m, u, lambda, iterations, converged, posterior: inGivenOrder };
}
