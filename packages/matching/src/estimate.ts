// The model's parameters estimated on one edition's records, as Splink does: u from random pairs, m by
// expectation–maximisation on the candidate pairs (em.ts), the prior from the matches EM expects. The analyst's
// decisions and the rule that two fact sheets are two initiatives are labelled pairs: EM takes their answer
// instead of its own. config/model.json holds the start values and the settings; what was estimated is written
// beside the stage's outputs (model.json) and shown per pair in the weights.

import { join } from 'node:path';
import type { Duck } from '@kk/core';
import { components } from './cluster.ts';
import { appendLabels, intColumns } from './columns.ts';
import {
  type EmResult,
  expectationMaximisation,
  type LevelShares,
  type Pattern,
  shares,
  zeroCounts,
} from './em.ts';
import { FEATURES, type Feature, LEVELS, type Model, modelSqlParams, SQL_DIR } from './model.ts';

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
 * Estimates m, u and the prior on the pairs in dd_pairs (levels.sql already run on the candidates) and the
 * records in dd_records. `same` and `different` are the analyst's decisions, `carried` the previous edition's
 * entities, as pairs of rid; a decision wins over a carried pair. Leaves dd_random_pairs behind.
 */
export async function estimateModel(
  duck: Duck,
  start: Model,
  labels: { same: [number, number][]; different: [number, number][]; carried?: [number, number][] },
): Promise<Estimation> {
  const settings = start.estimation;
  const n = Number(await duck.value('SELECT count(*) FROM dd_records'));
  const allPairs = (n * (n - 1)) / 2;
  const candidatePairs = Number(await duck.value('SELECT count(*) FROM dd_pairs'));
  // One label per pair: a decision `olika` before a decision `samma` before a carried pair, so that an analyst
  // who overrules what the previous edition joined is heard, and no pair counts twice.
  const pairs = (ps: [number, number][], same: boolean, rank: number) =>
    ps.map(([a, b]) => `(${Math.min(a, b)}, ${Math.max(a, b)}, ${same}, ${rank})`);
  const labelled = [
    ...pairs(labels.different, false, 1),
    ...pairs(labels.same, true, 2),
    ...pairs(labels.carried ?? [], true, 3),
  ];
  await duck.run('CREATE OR REPLACE TABLE dd_label_rows (a INTEGER, b INTEGER, samma BOOLEAN, rang INTEGER)');
  if (labelled.length) await duck.run(`INSERT INTO dd_label_rows VALUES ${labelled.join(', ')}`);
  await duck.run(`
    CREATE OR REPLACE TABLE dd_labels AS
    SELECT a, b, arg_min(samma, rang) AS samma FROM dd_label_rows GROUP BY a, b`);
  const sameLabelled = (await intColumns(duck, 'SELECT a, b FROM dd_labels WHERE samma ORDER BY a, b')) as [
    number[],
    number[],
  ];
  const sameRids: [number, number][] = sameLabelled[0].map((a, i) => [a, sameLabelled[1][i]]);
  // A pair's label: an analyst's decision, or two fact sheets (always two initiatives).
  const labelSql = (pairs: string) => `
    SELECT p.*, CASE WHEN l.samma THEN 'samma' WHEN NOT l.samma OR (ra.faktablad AND rb.faktablad) THEN 'olika' END AS etikett
    FROM ${pairs} p JOIN dd_records ra ON ra.rid = p.a JOIN dd_records rb ON rb.rid = p.b
    LEFT JOIN dd_labels l ON l.a = p.a AND l.b = p.b`;

  const rows = await duck.rows<Record<string, string | number | null>>(`
    SELECT ${levelColumns}, etikett, count(*)::INTEGER AS n FROM (${labelSql('dd_pairs')})
    GROUP BY ALL ORDER BY ALL`);
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
  await duck.run(
    allPairs <= max
      ? `CREATE OR REPLACE TABLE dd_random_pairs AS
         SELECT x.range::INTEGER AS a, y.range::INTEGER AS b, []::VARCHAR[] AS nycklar
         FROM range(1, ${n + 1}) x JOIN range(1, ${n + 1}) y ON x.range < y.range`
      : `CREATE OR REPLACE TABLE dd_random_pairs AS
         WITH
         draw_order AS (
           SELECT rid, row_number() OVER (
             ORDER BY content_hash, rid) - 1 AS place
           FROM dd_records
         ),
         draws AS (
           SELECT range AS i, hash(range, ${settings.seed}) % ${n} AS x, hash(range, ${settings.seed + 1}) % ${n} AS y
           FROM range(${Math.ceil(max * 1.05)})
         )
         SELECT least(ox.rid, oy.rid)::INTEGER AS a, greatest(ox.rid, oy.rid)::INTEGER AS b, []::VARCHAR[] AS nycklar
         FROM draws d JOIN draw_order ox ON ox.place = d.x JOIN draw_order oy ON oy.place = d.y
         WHERE d.x <> d.y
         QUALIFY row_number() OVER (PARTITION BY least(ox.rid, oy.rid), greatest(ox.rid, oy.rid) ORDER BY d.i) = 1
         ORDER BY d.i LIMIT ${max}`,
  );
  // The candidate pairs are counted in full (they hold nearly every agreement on a name, so a sample would
  // see only a few), the random pairs stand for the rest: a stratified estimate, scaled by how many pairs
  // outside the candidates each drawn one stands for.
  await duck.run('DELETE FROM dd_random_pairs r USING dd_pairs c WHERE c.a = r.a AND c.b = r.b');
  const randomPairs = Number(await duck.value('SELECT count(*) FROM dd_random_pairs'));
  const scale = randomPairs ? (allPairs - candidatePairs) / randomPairs : 0;
  await duck.runFile(join(SQL_DIR, 'levels.sql'), {
    ...modelSqlParams(start),
    pairs: 'dd_random_pairs',
    out: 'dd_random_levels',
  });
  // A drawn pair may itself be a match that blocking did not bring up (the ninth row of an initiative eight
  // lists name alike): two records that the candidate pairs EM calls matches join, directly or through others,
  // are left out of u, as are the pairs an analyst called the same.
  await duck.run(
    `CREATE OR REPLACE TABLE dd_pattern_p (${FEATURES.map((f) => `${f}_niva VARCHAR`).join(', ')}, etikett VARCHAR, p DOUBLE)`,
  );
  if (patterns.length)
    await duck.run(
      `INSERT INTO dd_pattern_p VALUES ${patterns
        .map(
          (p, i) =>
            `(${FEATURES.map((f) => `'${p.levels[f]}'`).join(', ')}, ${p.label ? `'${p.label}'` : 'NULL'}, ${em.posterior[i]})`,
        )
        .join(', ')}`,
    );
  const [ea, eb] = await intColumns(
    duck,
    `SELECT c.a, c.b FROM (${labelSql('dd_pairs')}) c
     JOIN dd_pattern_p pp ON ${FEATURES.map((f) => `pp.${f}_niva = c.${f}_niva`).join(' AND ')}
       AND pp.etikett IS NOT DISTINCT FROM c.etikett
     WHERE pp.p >= 0.5 ORDER BY c.a, c.b`,
  );
  const comp = components(
    n,
    { a: Int32Array.from(ea), b: Int32Array.from(eb), weight: new Float64Array(ea.length) },
    sameRids,
  );
  await appendLabels(duck, 'dd_em_component', 'comp', comp);
  // One pass over the drawn pairs: those labelled the same or joined through EM's matches are matches (counted
  // for the prior only); the others count in u. Two fact sheets are never one initiative, whatever joins them.
  const drawnRows = await duck.rows<Record<string, string | number | boolean | null>>(`
    SELECT ${levelColumns},
      coalesce(l.etikett = 'samma', ca.comp = cb.comp) AS forenade,
      count(*)::DOUBLE AS n
    FROM (${labelSql('dd_random_levels')}) l
    JOIN dd_em_component ca ON ca.rid = l.a JOIN dd_em_component cb ON cb.rid = l.b
    GROUP BY ALL ORDER BY ALL`);
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
