import { join } from 'node:path';
import { appendIntColumns, appendTable, type Duck, lit, ROW_GROUP, sqlOfFile } from '@kk/core';
import { components, type Edges, guardedClusters, type Rejected } from './cluster.ts';
import { appendLabels } from './columns.ts';
import { type EstimationRecord, estimateModel } from './estimate.ts';
import { runLevels } from './levels.ts';
import { type Model, modelSqlParams, SQL_DIR as SQL } from './model.ts';

export interface ResolveOptions {
  model: Model;
  /** Pairs of record_id an analyst called the same initiative. */
  mustLink?: [string, string][];
  /** Pairs of record_id an analyst called different initiatives. */
  cannotLink?: [string, string][];
  /** Pairs of record_id known to be one initiative for the estimation only (the previous edition's entities):
   *  EM takes them as matches; the clustering still decides. */
  labelledSame?: [string, string][];
  /** Pairs of record_id kept in one entity by the clustering, like mustLink, but not labels for the estimation
   *  (a fact sheet and the rows that were its initiative in the previous edition: a rename keeps its records). */
  keepTogether?: [string, string][];
  log?: (message: string) => void;
  /** Use the model's parameters as they are instead of estimating them on these records (a test's fixed model). */
  fixed?: boolean;
}

export interface ResolveResult {
  records: number;
  candidatePairs: number;
  scoredPairs: number;
  clusters: number;
  rejected: Rejected[];
  /** The model the pairs were weighed with: estimated on these records, or the one given when `fixed`. */
  model: Model;
  /** What the estimation saw, when it ran. */
  estimation: EstimationRecord | null;
  /** Seconds per step, for the benchmark. */
  timings: Record<string, number>;
}

async function ridsOf(duck: Duck, pairs: [string, string][]): Promise<[number, number][]> {
  if (pairs.length === 0) return [];
  const ids = [...new Set(pairs.flat())];
  const rows = await duck.rowsOfFile<{ record_id: string; rid: number }>(join(SQL, 'rids.sql'), {
    ids: ids.map(lit).join(', '),
  });
  const rid = new Map(rows.map((r) => [r.record_id, r.rid]));
  return pairs.map(([x, y]) => {
    const rx = rid.get(x);
    const ry = rid.get(y);
    if (rx === undefined || ry === undefined) throw new Error(`no record ${rx === undefined ? x : y}`);
    return [rx, ry];
  });
}

/**
 * Entity resolution over a DuckDB table of records (see sql/normalise.sql for its columns). Leaves behind:
 * dd_records (matching features, rid = rank of record_id), dd_candidates (blocking), dd_pairs (every scored
 * pair with its evidence), dd_cluster (rid, record_id, cluster = smallest rid of the entity) and dd_rejected
 * (links the constraints refused).
 */
export async function resolveEntities(
  duck: Duck,
  input: string,
  options: ResolveOptions,
): Promise<ResolveResult> {
  const start = options.model;
  const log = options.log ?? (() => {});
  const params = { ...modelSqlParams(start), input };
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = (now - t) / 1000;
    t = now;
  };

  await duck.runFile(join(SQL, 'normalise.sql'), {
    ...params,
    rank_optimizers: lit((await duck.count(input)) <= ROW_GROUP ? 'build_side_probe_side' : ''),
  });
  const n = await duck.count('dd_records');
  lap('normalise');
  await duck.runFile(join(SQL, 'block.sql'), params);
  const candidatePairs = await duck.count('dd_candidates');
  lap('block');
  await runLevels(duck, 'dd_candidates', 'dd_pair_levels');
  lap('levels');

  const decided = await ridsOf(duck, options.mustLink ?? []);
  const mustLink = [...decided, ...(await ridsOf(duck, options.keepTogether ?? []))];
  const cannotLink = await ridsOf(duck, options.cannotLink ?? []);
  let model = start;
  let estimation: EstimationRecord | null = null;
  if (!options.fixed) {
    ({ model, record: estimation } = await estimateModel(duck, start, {
      same: decided,
      different: cannotLink,
      carried: await ridsOf(duck, options.labelledSame ?? []),
    }));
    lap('estimate');
  }
  await duck.runFile(join(SQL, 'weigh.sql'), modelSqlParams(model));
  lap('weigh');
  const [ea, eb, ew] = await duck.intColumns(
    sqlOfFile(join(SQL, 'links.sql'), { match: String(model.thresholds.match) }),
  );
  const edges: Edges = { a: Int32Array.from(ea), b: Int32Array.from(eb), weight: Float64Array.from(ew) };

  // Every pair inside a would-be cluster is scored, so that the veto sees pairs blocking never brought together.
  const tentative = components(n, edges, mustLink);
  const size = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) size[tentative[i]]++;
  let inComponents = 0;
  for (let i = 1; i <= n; i++) if (size[tentative[i]] > 1) inComponents++;
  const compCols = [0, 1, 2].map(() => new Int32Array(inComponents));
  for (let i = 1, k = 0; i <= n; i++)
    if (size[tentative[i]] > 1) {
      compCols[0][k] = i;
      compCols[1][k] = tentative[i];
      compCols[2][k++] = size[tentative[i]];
    }
  await appendIntColumns(duck, 'dd_comp', ['rid', 'comp', 'size'], compCols);
  await duck.runFile(join(SQL, 'component-pairs.sql'), { max: String(model.blocking.component_pairs_max) });
  await scorePairs(duck, 'dd_component_pairs', 'dd_component_scored');
  const scoredPairs = await duck.count('dd_pairs');
  const [va, vb] = await duck.intColumns(
    sqlOfFile(join(SQL, 'veto.sql'), {
      prior_bits: modelSqlParams(model).prior_bits,
      veto_bits: String(model.thresholds.veto_bits),
    }),
  );
  const veto: [number, number][] = va.map((a, i) => [a, vb[i]]);
  const exclusive = new Uint8Array(n + 1);
  const [factsheetRids] = await duck.intColumns(sqlOfFile(join(SQL, 'factsheets.sql')));
  for (const rid of factsheetRids) exclusive[rid] = 1;
  lap('component pairs');

  const { label, rejected } = guardedClusters(n, edges, { mustLink, cannotLink, veto, exclusive });
  await appendLabels(duck, 'dd_cluster_rid', 'cluster', label);
  await appendTable(
    duck,
    'dd_rejected_rid',
    { a: 'INTEGER', b: 'INTEGER', reason: 'INTEGER', blocker_a: 'INTEGER', blocker_b: 'INTEGER' },
    rejected.map((r) => [
      r.a,
      r.b,
      ['faktablad', 'veto', 'beslut'].indexOf(r.reason),
      r.blockerA,
      r.blockerB,
    ]),
  );
  await duck.runFile(join(SQL, 'clusters.sql'));
  // A Set of a million labels took a tenth of a second; a label is a record's rid, so one flag per rid.
  const seen = new Uint8Array(n + 1);
  let clusters = 0;
  for (let i = 1; i <= n; i++)
    if (!seen[label[i]]) {
      seen[label[i]] = 1;
      clusters++;
    }
  lap('cluster');
  log(
    `${n} records, ${candidatePairs} candidate pairs, ${scoredPairs} scored, ${edges.a.length} links, ` +
      `${veto.length} vetoes, ${rejected.length} links refused, ${clusters} entities`,
  );
  return { records: n, candidatePairs, scoredPairs, clusters, rejected, model, estimation, timings };
}

/**
 * After resolveEntities: scores every pair of records in different entities that shares an e-mail address, a
 * phone number, a contact person or a site (sql/near.sql), adding it to dd_pairs, so that review.csv can show
 * every near pair with its evidence. Leaves dd_shared_pairs (a, b, delar) behind.
 */
export async function scoreNearPairs(duck: Duck): Promise<void> {
  await duck.runFile(join(SQL, 'near.sql'), {});
  await scorePairs(duck, 'dd_near_candidates', 'dd_near_scored');
}

/**
 * Scores the pairs in `pairs` (a, b, nyckelmask) after resolveEntities: their levels into `out`, which join
 * dd_pair_levels, so that dd_pairs weighs them with the model it weighs every pair with (weigh.sql).
 */
export async function scorePairs(duck: Duck, pairs: string, out: string): Promise<void> {
  await runLevels(duck, pairs, out);
  await duck.runFile(join(SQL, 'add-pairs.sql'), { scored: out });
}
