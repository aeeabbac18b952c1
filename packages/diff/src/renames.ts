import { join } from 'node:path';
import { type Duck, lit } from '@kk/core';
import { loadModel, type Model, resolveEntities } from '@kk/matching';
import { SQL_DIR } from './load.ts';
import type { EditionOutputs } from './types.ts';

export interface Rename {
  entity_a: string;
  entity_b: string;
  namn_a: string;
  namn_b: string;
  sannolikhet: number;
  matchvikt: number;
  /** The evidence that carried the identity, in Swedish: the features whose values the two share. */
  grund: string;
}

let model: Model | undefined;

/**
 * Entities that exist in one edition only, matched across the editions with the dedupe stage's own matching:
 * an entity whose id changed (a new fact sheet, a new preferred name) but whose web address, contact, phone or
 * name still say it is the same initiative is a rename, not a removal and an addition. A pair is a rename when the
 * model links it, or when the name *and* the web address changed but the rest of the evidence holds on its own:
 * an e-mail address in common, no phone or postcode that disagrees, and the office's weights (phone, postcode,
 * contact) with the prior reaching the match threshold. Pairs are taken strongest first, each entity at most
 * once. Leaves kkdiff_renames behind.
 */
export async function findRenames(a: EditionOutputs, b: EditionOutputs): Promise<Rename[]> {
  const duck: Duck = a.duck;
  await duck.run(`
    CREATE OR REPLACE TABLE kkdiff_orphan_ids AS
    SELECT 'a' AS side, entity_id FROM ${a.prefix}_entity x ANTI JOIN ${b.prefix}_entity y USING (entity_id)
    UNION ALL
    SELECT 'b', entity_id FROM ${b.prefix}_entity x ANTI JOIN ${a.prefix}_entity y USING (entity_id)`);
  await duck.run(`
    CREATE OR REPLACE TABLE kkdiff_orphans (record_id VARCHAR, entity_id VARCHAR, namn VARCHAR, webb VARCHAR,
      adress VARCHAR, postnummer VARCHAR, kontakt VARCHAR, telefon VARCHAR[], epost VARCHAR[])`);
  for (const [side, e] of [
    ['a', a],
    ['b', b],
  ] as const)
    await duck.runFile(join(SQL_DIR, 'orphans.sql'), { p: e.prefix, side: lit(side) });
  const sides = await duck.rows<{ sida: string; n: number }>(
    'SELECT left(record_id, 1) AS sida, count(*)::INTEGER AS n FROM kkdiff_orphans GROUP BY 1',
  );
  const renames: Rename[] = [];
  if (sides.length === 2) {
    model ??= loadModel();
    // Not fact sheets: two fact sheets may be one initiative across editions (the stage forbids it within one).
    await duck.run(`
      CREATE OR REPLACE VIEW kkdiff_match_input AS
      SELECT record_id, namn, webb, adress, postnummer, kontakt, telefon, epost, false AS faktablad
      FROM kkdiff_orphans`);
    // The records left over on each side are too few to estimate a model on: the start values are used as they
    // stand (config/model.json).
    await resolveEntities(duck, 'kkdiff_match_input', { model, fixed: true });
    const matchBits = Math.log2(model.thresholds.match / (1 - model.thresholds.match));
    const priorBits = Math.log2(model.prior.match_probability / (1 - model.prior.match_probability));
    const pairs = await duck.rows<Rename>(`
      WITH p AS (
        SELECT ra.record_id AS x, rb.record_id AS y, p.sannolikhet, p.matchvikt,
          array_to_string(list_filter([
            CASE WHEN p.namn_niva IN ('exakt', 'nastan', 'akronym') THEN 'namn' END,
            CASE WHEN p.webb_niva IN ('samma', 'toppdoman') THEN 'webbadress' END,
            CASE WHEN p.postnummer_niva = 'samma' THEN 'postnummer' END,
            CASE WHEN p.telefon_niva = 'samma' THEN 'telefon' END,
            CASE WHEN p.kontakt_niva = 'epost' THEN 'e-post' WHEN p.kontakt_niva = 'samma' THEN 'kontaktperson' END],
            g -> g IS NOT NULL), ', ') AS grund
        FROM dd_pairs p JOIN dd_records ra ON ra.rid = p.a JOIN dd_records rb ON rb.rid = p.b
        WHERE left(ra.record_id, 1) <> left(rb.record_id, 1)
          AND (p.sannolikhet >= ${model.thresholds.match}
            OR (p.kontakt_niva = 'epost' AND p.telefon_niva <> 'olika' AND p.postnummer_niva <> 'olika'
              AND ${priorBits.toFixed(6)} + p.kontor_vikt >= ${matchBits.toFixed(6)}))
      )
      SELECT substr(CASE WHEN x < y THEN x ELSE y END, 3) AS entity_a,
        substr(CASE WHEN x < y THEN y ELSE x END, 3) AS entity_b,
        sannolikhet, matchvikt, grund, oa.namn AS namn_a, ob.namn AS namn_b
      FROM p
      JOIN kkdiff_orphans oa ON oa.record_id = CASE WHEN x < y THEN x ELSE y END
      JOIN kkdiff_orphans ob ON ob.record_id = CASE WHEN x < y THEN y ELSE x END
      ORDER BY matchvikt DESC, entity_a, entity_b`);
    const usedA = new Set<string>();
    const usedB = new Set<string>();
    for (const p of pairs) {
      if (usedA.has(p.entity_a) || usedB.has(p.entity_b)) continue;
      usedA.add(p.entity_a);
      usedB.add(p.entity_b);
      renames.push({ ...p, sannolikhet: Number(p.sannolikhet), matchvikt: Number(p.matchvikt) });
    }
  }
  await duck.run(
    'CREATE OR REPLACE TABLE kkdiff_renames (entity_a VARCHAR, entity_b VARCHAR, grund VARCHAR)',
  );
  if (renames.length) {
    await duck.run(
      `INSERT INTO kkdiff_renames VALUES ${renames.map((r) => `(${lit(r.entity_a)}, ${lit(r.entity_b)}, ${lit(r.grund)})`).join(', ')}`,
    );
  }
  return renames;
}
