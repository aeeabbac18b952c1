import type { Duck } from '@kk/core';

export interface PairMetrics {
  truePairs: number;
  predictedPairs: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Pairwise precision and recall of a clustering against the truth: a pair of records is predicted when both
 * share a cluster, true when both share an entity. Counted from the contingency table, not pair by pair.
 */
export async function pairMetrics(duck: Duck, predicted: string, truth: string): Promise<PairMetrics> {
  const [row] = await duck.rows<{ tp: number; pp: number; tt: number }>(`
    WITH j AS (SELECT p.cluster, t.entity FROM ${predicted} p JOIN ${truth} t USING (record_id)),
    cell AS (SELECT count(*)::BIGINT AS n FROM j GROUP BY cluster, entity),
    pc AS (SELECT count(*)::BIGINT AS n FROM j GROUP BY cluster),
    tc AS (SELECT count(*)::BIGINT AS n FROM j GROUP BY entity)
    SELECT
      (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM cell)::DOUBLE AS tp,
      (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM pc)::DOUBLE AS pp,
      (SELECT coalesce(sum(n * (n - 1) / 2), 0) FROM tc)::DOUBLE AS tt`);
  const tp = Number(row.tp);
  const pp = Number(row.pp);
  const tt = Number(row.tt);
  const precision = pp === 0 ? 1 : tp / pp;
  const recall = tt === 0 ? 1 : tp / tt;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePairs: tt, predictedPairs: pp, truePositives: tp, precision, recall, f1 };
}
