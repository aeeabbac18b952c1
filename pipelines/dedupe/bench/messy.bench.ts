// The matching on lists no one has seen: SYNTHETIC messy rows (tests/synthetic/messy-lists.ts) added to the 2009
// lists, several seeds, scored against the generator's truth. Needs build/2009/ingest (npm run stage -- ingest).
//   npx tsx pipelines/dedupe/bench/messy.bench.ts [rows per seed] [seeds…]
// Pairwise precision and recall count the pairs with at least one added row (the 2009 pairs, all right, would
// only dilute them); per row, an added variant is right when it joins exactly its initiative's records, and an
// added new candidate when it joins none. A missed true pair is "in review" when review.csv would show its two
// entities: a scored pair between them at or above the review threshold, a pair sharing an e-mail, phone,
// contact or site, or a link a rule refused.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duck, lit, REPO_ROOT } from '@kk/core';
import { loadModel, resolveEntities, scoreNearPairs } from '@kk/matching';
import { parse } from 'csv-parse/sync';
import {
  type BaseInitiative,
  type MatchRecord,
  type MessyRow,
  messyRows,
} from '../../../tests/synthetic/messy-lists.ts';
import { FACTSHEET_FILE } from '../src/decisions.ts';

/** The dedupe stage's own SQL (its input shape). */
const DEDUPE_SQL = join(dirname(fileURLToPath(import.meta.url)), '..', 'sql');

export const MESSY_SEEDS = [1, 2, 3, 4, 5];

export interface MessySeedResult {
  seed: number;
  rows: number;
  pairPrecision: number;
  pairRecall: number;
  rowPrecision: number;
  rowRecall: number;
  /** True pairs not linked, and of those the ones review.csv would not show. */
  missedPairs: number;
  missedNotInReview: number;
  /** Existing 2009 records that changed entity because of the added rows. */
  movedExisting: number;
  failures: string[];
}

export interface MessyBench {
  seconds: number;
  seeds: MessySeedResult[];
  pairPrecision: number;
  pairRecall: number;
  rowPrecision: number;
  rowRecall: number;
  missedNotInReview: number;
  movedExisting: number;
}

export async function loadBase(duck: Duck): Promise<{ base: BaseInitiative[]; truth: Map<string, string> }> {
  const ingest = join(REPO_ROOT, 'build', '2009', 'ingest');
  await duck.runFile(join(DEDUPE_SQL, 'input.sql'), {
    candidates: lit(join(ingest, 'candidates.parquet')),
    factsheets: lit(join(ingest, 'factsheets.parquet')),
    factsheets_file: lit(FACTSHEET_FILE),
  });
  const rows = parse(readFileSync(join(REPO_ROOT, 'tests', 'fixtures', 'dedupe', 'truth-2009.csv'), 'utf8'), {
    columns: true,
  }) as { fil: string; rad: string; entity: string }[];
  const truth = new Map(rows.map((r) => [`${r.fil}:${r.rad}`, r.entity]));
  const records = await duck.rows<MatchRecord & { faktablad_id: string | null }>(`
    SELECT m.record_id, trim(m.namn) AS namn, m.webb, m.adress, m.postnummer, m.kontakt,
      coalesce(m.telefon, []) AS telefon, coalesce(m.epost, []) AS epost, m.faktablad, i.faktablad_id
    FROM dd_match_input m JOIN dd_input i USING (record_id) ORDER BY m.record_id`);
  for (const r of records) if (r.faktablad_id) truth.set(r.record_id, r.faktablad_id);
  const base: BaseInitiative[] = records
    .filter((r) => r.faktablad_id)
    .map((r) => ({
      entity: r.faktablad_id as string,
      sheet: r,
      names: records
        .filter((x) => !x.faktablad && truth.get(x.record_id) === r.faktablad_id)
        .map((x) => x.namn),
    }));
  return { base, truth };
}

export async function addRows(duck: Duck, rows: MessyRow[]): Promise<void> {
  const str = (v: string | null) => (v === null ? 'NULL' : lit(v));
  const list = (xs: string[]) => `[${xs.map(lit).join(', ')}]::VARCHAR[]`;
  await duck.run(`CREATE OR REPLACE TABLE dd_messy_input AS SELECT * FROM dd_match_input`);
  if (rows.length)
    await duck.run(
      `INSERT INTO dd_messy_input VALUES ${rows
        .map(
          ({ record: r }) =>
            `(${lit(r.record_id)}, ${lit(r.namn)}, ${str(r.webb)}, ${str(r.adress)}, ${str(r.postnummer)}, ` +
            `${str(r.kontakt)}, ${list(r.telefon)}, ${list(r.epost)}, false)`,
        )
        .join(', ')}`,
    );
}

/** The messy benchmark: `n` rows per seed added to 2009, each seed on its own. */
export async function benchMessy(n = 60, seeds = MESSY_SEEDS): Promise<MessyBench> {
  const duck = await Duck.open();
  const model = loadModel();
  try {
    const { base, truth } = await loadBase(duck);
    await resolveEntities(duck, 'dd_match_input', { model });
    const before = new Map(
      (
        await duck.rows<{ record_id: string; label: string }>(
          'SELECT record_id, min(record_id) OVER (PARTITION BY cluster) AS label FROM dd_cluster',
        )
      ).map((r) => [r.record_id, r.label]),
    );
    const t0 = performance.now();
    const results: MessySeedResult[] = [];
    for (const seed of seeds) {
      const rows = messyRows(base, n, seed);
      await addRows(duck, rows);
      await resolveEntities(duck, 'dd_messy_input', { model });
      await scoreNearPairs(duck);
      const all = new Map(truth);
      for (const r of rows) all.set(r.record.record_id, r.entity);
      const cluster = new Map(
        (
          await duck.rows<{ record_id: string; cluster: number }>('SELECT record_id, cluster FROM dd_cluster')
        ).map((r) => [r.record_id, Number(r.cluster)]),
      );
      // Entity pairs review.csv would show (see the header).
      const shown = new Set(
        (
          await duck.rows<{ x: number; y: number }>(`
          SELECT DISTINCT least(ca.cluster, cb.cluster) AS x, greatest(ca.cluster, cb.cluster) AS y
          FROM dd_pairs p JOIN dd_cluster ca ON ca.rid = p.a JOIN dd_cluster cb ON cb.rid = p.b
          WHERE ca.cluster <> cb.cluster AND (p.sannolikhet >= ${model.thresholds.review}
            OR EXISTS (SELECT 1 FROM dd_shared_pairs s WHERE s.a = p.a AND s.b = p.b)
            OR EXISTS (SELECT 1 FROM dd_rejected r WHERE r.a = p.a AND r.b = p.b))`)
        ).map((r) => `${r.x} ${r.y}`),
      );
      const ids = [...all.keys()];
      const added = new Set(rows.map((r) => r.record.record_id));
      let tp = 0;
      let pp = 0;
      let tt = 0;
      let missedNotInReview = 0;
      const failures: string[] = [];
      for (const x of added) {
        for (const y of ids) {
          if (x === y || (added.has(y) && y < x)) continue;
          const p = cluster.get(x) === cluster.get(y);
          const t = all.get(x) === all.get(y);
          if (p) pp++;
          if (t) tt++;
          if (p && t) tp++;
          if (t && !p) {
            const cx = cluster.get(x) ?? 0;
            const cy = cluster.get(y) ?? 0;
            if (!shown.has(`${Math.min(cx, cy)} ${Math.max(cx, cy)}`)) missedNotInReview++;
          }
        }
      }
      let rowsLinked = 0;
      let rowsLinkedRight = 0;
      let variants = 0;
      let variantsRight = 0;
      for (const r of rows) {
        const id = r.record.record_id;
        const mates = ids.filter((y) => y !== id && !added.has(y) && cluster.get(y) === cluster.get(id));
        const want = ids.filter((y) => y !== id && !added.has(y) && all.get(y) === r.entity);
        const right = mates.length === want.length && mates.every((m) => want.includes(m));
        if (mates.length) {
          rowsLinked++;
          if (right) rowsLinkedRight++;
        }
        if (want.length) {
          variants++;
          if (right) variantsRight++;
        }
        if (!right) failures.push(`${r.kind}: ${r.record.namn} (${r.record.webb ?? '–'}) → ${r.entity}`);
      }
      // Existing records keep their entity: the smallest original record_id of the cluster.
      const labelAfter = new Map<number, string>();
      for (const [id, c] of cluster)
        if (!added.has(id) && (!labelAfter.has(c) || id < (labelAfter.get(c) as string)))
          labelAfter.set(c, id);
      let movedExisting = 0;
      for (const [id, label] of before) if (labelAfter.get(cluster.get(id) ?? -1) !== label) movedExisting++;
      results.push({
        seed,
        rows: rows.length,
        pairPrecision: pp ? tp / pp : 1,
        pairRecall: tt ? tp / tt : 1,
        rowPrecision: rowsLinked ? rowsLinkedRight / rowsLinked : 1,
        rowRecall: variants ? variantsRight / variants : 1,
        missedPairs: tt - tp,
        missedNotInReview,
        movedExisting,
        failures,
      });
    }
    const mean = (k: 'pairPrecision' | 'pairRecall' | 'rowPrecision' | 'rowRecall') =>
      Math.min(...results.map((r) => r[k]));
    return {
      seconds: (performance.now() - t0) / 1000,
      seeds: results,
      pairPrecision: mean('pairPrecision'),
      pairRecall: mean('pairRecall'),
      rowPrecision: mean('rowPrecision'),
      rowRecall: mean('rowRecall'),
      missedNotInReview: results.reduce((s, r) => s + r.missedNotInReview, 0),
      movedExisting: results.reduce((s, r) => s + r.movedExisting, 0),
    };
  } finally {
    duck.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [n, ...seeds] = process.argv.slice(2).map(Number);
  const r = await benchMessy(n || 60, seeds.length ? seeds : MESSY_SEEDS);
  for (const s of r.seeds) {
    console.log(
      `seed ${s.seed}: ${s.rows} rows, pairs P ${s.pairPrecision.toFixed(4)} R ${s.pairRecall.toFixed(4)}, ` +
        `rows P ${s.rowPrecision.toFixed(4)} R ${s.rowRecall.toFixed(4)}, ${s.missedPairs} missed pairs ` +
        `(${s.missedNotInReview} not in review), ${s.movedExisting} existing records moved`,
    );
    for (const f of s.failures) console.log(`  ${f}`);
  }
  console.log(
    `worst seed: pairs P ${r.pairPrecision.toFixed(4)} R ${r.pairRecall.toFixed(4)}, rows P ${r.rowPrecision.toFixed(4)} ` +
      `R ${r.rowRecall.toFixed(4)}; ${r.missedNotInReview} missed pairs not in review, ${r.movedExisting} moved; ${r.seconds.toFixed(1)} s`,
  );
}
