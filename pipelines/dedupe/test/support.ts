// Shared set-up for the dedupe tests: a temporary copy of an edition with ingest and dedupe run on it, and the
// labelled truth of the 2009 source lists.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duck, lit, type Manifest, REPO_ROOT, runStage } from '@kk/core';
import { parse } from 'csv-parse/sync';
import { type TempEdition, tempEdition } from '../../../tests/support/edition.ts';
import ingest from '../../ingest/src/stage.ts';
import type { PairMetrics } from '../bench/metrics.ts';
import dedupe from '../src/stage.ts';

export const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'dedupe');
export const TRUTH_2009 = join(FIXTURES, 'truth-2009.csv');
export const PAIRS_2009 = join(FIXTURES, 'pairs-2009.csv');

export interface Built {
  t: TempEdition;
  manifest: Manifest;
  /** Path of a file in the dedupe output folder. */
  out(file: string): string;
  csv(file: string): Record<string, string>[];
}

/** A copy of raw/<year> with ingest run on it (and `prepare` applied to the copy before). */
export async function ingested(year = 2009, prepare?: (t: TempEdition) => void): Promise<TempEdition> {
  const t = tempEdition(year);
  prepare?.(t);
  await runStage(ingest, t.edition);
  return t;
}

/** Ingest and dedupe on a copy of raw/<year>. */
export async function built(year = 2009, prepare?: (t: TempEdition) => void): Promise<Built> {
  const t = await ingested(year, prepare);
  const manifest = await runStage(dedupe, t.edition);
  const out = (file: string) => join(t.edition.buildDir, 'dedupe', file);
  return {
    t,
    manifest,
    out,
    csv: (file) => parse(readFileSync(out(file), 'utf8'), { columns: true }) as Record<string, string>[],
  };
}

/** The truth: every source-list row (file as in source_file, physical line) and its true entity. */
export function truth2009(): Map<string, string> {
  const rows = parse(readFileSync(TRUTH_2009, 'utf8'), { columns: true }) as {
    fil: string;
    rad: string;
    entity: string;
  }[];
  return new Map(rows.map((r) => [`sources/${r.fil}:${r.rad}`, r.entity]));
}

/** The same figures as pairMetrics (bench/metrics.ts) gives, counted here over labelled keys. */
export type PairCounts = PairMetrics;

/** Pairwise precision and recall of a labelling against the truth, over the keys both know. */
export function pairCounts(predicted: Map<string, string>, truth: Map<string, string>): PairCounts {
  const keys = [...truth.keys()].filter((k) => predicted.has(k));
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (let i = 0; i < keys.length; i++) {
    for (let j = i + 1; j < keys.length; j++) {
      const p = predicted.get(keys[i]) === predicted.get(keys[j]);
      const t = truth.get(keys[i]) === truth.get(keys[j]);
      if (p) pp++;
      if (t) tt++;
      if (p && t) tp++;
    }
  }
  const precision = pp ? tp / pp : 1;
  const recall = tt ? tp / tt : 1;
  return {
    truePairs: tt,
    predictedPairs: pp,
    truePositives: tp,
    precision,
    recall,
    f1: (2 * precision * recall) / (precision + recall),
  };
}

export function report(label: string, c: PairCounts): void {
  console.log(
    `${label}: precision ${c.precision.toFixed(4)}, recall ${c.recall.toFixed(4)}, F1 ${c.f1.toFixed(4)} ` +
      `(${c.truePositives} of ${c.predictedPairs} linked pairs true, ${c.truePairs} true pairs)`,
  );
}

/**
 * The labelled pair set derived from the truth: every pair of rows of one initiative ("samma"), and every
 * pair of rows of different initiatives that share a web host, phone number, postcode, contact person or a
 * name word of four letters or more ("olika": the pairs a matcher could confuse). Algorithm-independent:
 * it uses only the truth and ingest's candidates.
 */
export async function deriveLabelledPairs(candidatesParquet: string, truthCsv = TRUTH_2009): Promise<string> {
  const duck = await Duck.open();
  try {
    await duck.run(`
      CREATE TABLE c AS
      SELECT c.source_file, c.source_line, trim(c.namn) AS namn, t.entity, c.webb_host, c.telefon_norm,
        nullif(c.postnummer, '') AS postnummer, nullif(lower(c.kontakt_namn), '') AS kontakt,
        list_filter(string_split(regexp_replace(strip_accents(translate(lower(c.namn), 'øæ', 'oa')), '[^a-z0-9]+', ' ', 'g'), ' '),
          w -> length(w) >= 4) AS ord
      FROM read_parquet(${lit(candidatesParquet)}) c
      JOIN read_csv(${lit(truthCsv)}, header = true, all_varchar = true) t
        ON c.source_file = 'sources/' || t.fil AND c.source_line = t.rad::INTEGER`);
    await duck.run(`
      CREATE TABLE p AS
      SELECT a.source_file AS fil_a, a.source_line AS rad_a, a.namn AS namn_a,
        b.source_file AS fil_b, b.source_line AS rad_b, b.namn AS namn_b,
        CASE WHEN a.entity = b.entity THEN 'samma' ELSE 'olika' END AS facit,
        CASE WHEN a.entity = b.entity THEN 'samma initiativ' ELSE array_to_string(list_filter([
          CASE WHEN a.webb_host = b.webb_host THEN 'webbvärd' END,
          CASE WHEN len(list_intersect(a.telefon_norm, b.telefon_norm)) > 0 THEN 'telefon' END,
          CASE WHEN a.postnummer = b.postnummer THEN 'postnummer' END,
          CASE WHEN a.kontakt = b.kontakt THEN 'kontaktperson' END,
          CASE WHEN len(list_intersect(a.ord, b.ord)) > 0 THEN 'ord i namnet' END], x -> x IS NOT NULL), ' + ') END AS grund
      FROM c a JOIN c b ON (a.source_file, a.source_line) < (b.source_file, b.source_line)`);
    const tmp = join(tmpdir(), `kk-pairs-${process.pid}.csv`);
    await duck.run(`COPY (SELECT * FROM p WHERE grund <> '' ORDER BY fil_a, rad_a, fil_b, rad_b)
      TO ${lit(tmp)} (FORMAT csv, HEADER true)`);
    const text = readFileSync(tmp, 'utf8');
    rmSync(tmp, { force: true });
    return text;
  } finally {
    duck.close();
  }
}
