// The model's parameters estimated on one edition's records, as Splink does: u from random pairs, m by
// expectation–maximisation on the candidate pairs (em.ts), the prior from the matches EM expects. The analyst's
// decisions and the rule that two fact sheets are two initiatives are labelled pairs: EM takes their answer
// instead of its own. config/model.json holds the start values and the settings; what was estimated is written
// beside the stage's outputs (model.json) and shown per pair in the weights.

import { join } from 'node:path';
import { appendTable, type Duck, sqlOfFile } from '@kk/core';
import { components } from './cluster.ts';
import { appendLabels } from './columns.ts';
import {
  type EmResult,
  expectationMaximisation,
  type LevelShares,
  type Pattern,
  shares,
  zeroCounts,
} from './em.ts';
import { runLevels } from './levels.ts';
import { FEATURES, type Feature, LEVELS, type Model, SQL_DIR } from './model.ts';

/** What the estimation saw and found, for the record beside the outputs. */
export interface EstimationRecord {
  records: number;
  candidate_pairs: number;
  /** Candidate pairs with a label: a decision, the previous edition's entities (samma) or two fact sheets (olika). */
  labelled_pairs: { samma: number; olika: number };
  random_pairs: number;
  all_pairs: number;
  expected_matches: number;
  em: { iterations: number; converged: boolean; match_share_of_candidates: number };
}

export interface Estimation {
  model: Model;
  record: EstimationRecord;
}

/** Six significant digits: what the record shows, and no last-bit difference of a parallel sum reaches a weight. */
const significant = (x: number) => Number(x.toPrecision(6));

const levelColumns = FEATURES.map((f) => `${f}_niva`).join(', ');

/** A result row's levels (its *_niva columns) as a pattern's. */
const levelsOf = (r: Record<string, unknown>) =>
  Object.fromEntries(FEATURES.map((f) => [f, String(r[`${f}_niva`])])) as Record<Feature, string>;

function startShares(model: Model, key: 'm' | 'u'): LevelShares {
  return Object.fromEntries(
    FEATURES.map((f) => [f, Object.fromEntries(LEVELS[f].map((l) => [l, model.features[f].levels[l][key]]))]),
  ) as LevelShares;
}

/**
 * Estimates m, u and the prior on the pairs in dd_pair_levels (levels.sql already run on the candidates) and the
 * records in dd_records. `same` and `different` are the analyst's decisions, `carried` the previous edition's
 * entities, as pairs of rid; a decision wins over a carried pair. Leaves dd_random_pairs behind.
 */
export async function estimateModel(
  duck: Duck,
  start: Model,
  labels: { same: [number, number][]; different: [number, number][]; carried?: [number, number][] },
): Promise<Estimation> {
  const settings = start.estimation;
  const n = await duck.count('dd_records');
  const allPairs = (n * (n - 1)) / 2;
  const candidatePairs = await duck.count('dd_pair_levels');
  // One label per pair (sql/labels.sql): a decision `olika` (rank 1) before a decision `samma` (2) before a
  // carried pair (3).
  const pairs = (ps: [number, number][], same: boolean, rank: number) =>
    ps.map(([a, b]) => [Math.min(a, b), Math.max(a, b), same ? 1 : 0, rank]);
  await appendTable(
    duck,
    'dd_label_rows',
    { a: 'INTEGER', b: 'INTEGER', samma: 'INTEGER', rang: 'INTEGER' },
    [
      ...pairs(labels.different, false, 1),
      ...pairs(labels.same, true, 2),
      ...pairs(labels.carried ?? [], true, 3),
    ],
  );
  await duck.runFile(join(SQL_DIR, 'labels.sql'));
  const [sameA, sameB] = await duck.intColumns(sqlOfFile(join(SQL_DIR, 'same-labels.sql')));
  const sameRids: [number, number][] = sameA.map((a, i) => [a, sameB[i]]);
  // A pair's label: an analyst's decision, or two fact sheets (always two initiatives).
  const labelled = (pairs: string) => sqlOfFile(join(SQL_DIR, 'labelled.sql'), { pairs });

  const rows = await duck.rowsOfFile<Record<string, string | number | null>>(join(SQL_DIR, 'patterns.sql'), {
    levels: levelColumns,
    labelled: labelled('dd_pair_levels'),
  });
  const patterns: Pattern[] = rows.map((r) => ({
    levels: levelsOf(r),
    count: Number(r.n),
    label: (r.etikett as Pattern['label']) ?? null,
  }));
  const startU = startShares(start, 'u');
  const em: EmResult = expectationMaximisation(
    patterns,
    { m: startShares(start, 'm'), u: startU, lambda: start.prior.match_probability },
    {
      pseudoPairs: settings.pseudo_pairs,
      maxIterations: settings.max_iterations,
      tolerance: settings.tolerance,
    },
  );

  // Random pairs: every pair when there are few enough, else a seeded sample: draw i pairs the records at
  // places hash(i, seed) and hash(i, seed + 1) of an order by the records' content, so the same records give
  // the same sample whatever their ids or their order in the lists.
  const max = settings.random_pairs_max;
  await duck.runFile(
    join(SQL_DIR, allPairs <= max ? 'random-pairs-all.sql' : 'random-pairs-sample.sql'),
    allPairs <= max
      ? { n_1: String(n + 1) }
      : {
          n: String(n),
          seed: String(settings.seed),
          next_seed: String(settings.seed + 1),
          draws: String(Math.ceil(max * 1.05)),
          max: String(max),
        },
  );
  // The candidate pairs are counted in full (they hold nearly every agreement on a name, so a sample would
  // see only a few), the random pairs stand for the rest: a stratified estimate, scaled by how many pairs
  // outside the candidates each drawn one stands for.
  const randomPairs = await duck.count('dd_random_pairs');
  const scale = randomPairs ? (allPairs - candidatePairs) / randomPairs : 0;
  await runLevels(duck, 'dd_random_pairs', 'dd_random_levels');
  // A drawn pair may itself be a match that blocking did not bring up (the ninth row of an initiative eight
  // lists name alike): two records that the candidate pairs EM calls matches join, directly or through others,
  // are left out of u, as are the pairs an analyst called the same.
  await appendTable(
    duck,
    'dd_pattern_p',
    {
      ...Object.fromEntries(FEATURES.map((f) => [`${f}_niva`, 'VARCHAR' as const])),
      etikett: 'VARCHAR',
      p: 'DOUBLE',
    },
    patterns.map((p, i) => [...FEATURES.map((f) => p.levels[f]), p.label, em.posterior[i]]),
  );
  const [ea, eb] = await duck.intColumns(
    sqlOfFile(join(SQL_DIR, 'em-matches.sql'), {
      labelled: labelled('dd_pair_levels'),
      same_levels: FEATURES.map((f) => `pp.${f}_niva = c.${f}_niva`).join(' AND '),
    }),
  );
  const comp = components(
    n,
    { a: Int32Array.from(ea), b: Int32Array.from(eb), weight: new Float64Array(ea.length) },
    sameRids,
  );
  await appendLabels(duck, 'dd_em_component', 'comp', comp);
  // One pass over the drawn pairs: those labelled the same or joined through EM's matches are matches (counted
  // for the prior only); the others count in u. Two fact sheets are never one initiative, whatever joins them.
  const drawnRows = await duck.rowsOfFile<Record<string, string | number | boolean | null>>(
    join(SQL_DIR, 'drawn.sql'),
    { levels: levelColumns, labelled: labelled('dd_random_levels') },
  );
  const drawnMatches = drawnRows.filter((r) => r.forenade).reduce((s, r) => s + Number(r.n), 0);
  const counts = zeroCounts();
  const add = (levels: Record<Feature, string>, w: number) => {
    for (const f of FEATURES) if (levels[f] !== 'saknas') counts[f][levels[f]] += w;
  };
  patterns.forEach((p, i) => {
    add(p.levels, p.count * (1 - em.posterior[i]));
  });
  for (const r of drawnRows) if (!r.forenade) add(levelsOf(r), scale * Number(r.n));
  const u = shares(counts, startU, settings.pseudo_pairs);
  // The prior: the matches EM expects among the candidates, and those the drawn pairs stand for, over all pairs.
  const expected = patterns.reduce((s, p, i) => s + p.count * em.posterior[i], 0) + scale * drawnMatches;
  const lambda = Math.min(Math.max(allPairs ? expected / allPairs : 0.5, 1e-12), 0.5);

  const model = structuredClone(start);
  for (const f of FEATURES)
    for (const l of LEVELS[f]) {
      model.features[f].levels[l].m = significant(em.m[f][l]);
      model.features[f].levels[l].u = significant(u[f][l]);
    }
  model.prior.match_probability = significant(lambda);
  model.doc =
    "The Fellegi–Sunter model as estimated on this edition's records (packages/matching/src/estimate.ts): every m by expectation–maximisation over the blocking candidates, every u from random pairs of records (the candidates counted in full), the prior as the share of all pairs of records that are one initiative; the weight of a level is log2(m/u) bits. `estimated` says what the estimation saw. The start values and settings are packages/matching/config/model.json.";
  model.prior.doc =
    "Estimated: the matches EM expects, over all pairs of records. Its weight log2(p/(1-p)) starts every pair's sum.";
  return {
    model,
    record: {
      records: n,
      candidate_pairs: candidatePairs,
      labelled_pairs: {
        samma: patterns.filter((p) => p.label === 'samma').reduce((s, p) => s + p.count, 0),
        olika: patterns.filter((p) => p.label === 'olika').reduce((s, p) => s + p.count, 0),
      },
      random_pairs: randomPairs,
      all_pairs: allPairs,
      expected_matches: expected,
      em: { iterations: em.iterations, converged: em.converged, match_share_of_candidates: em.lambda },
    },
  };
}
