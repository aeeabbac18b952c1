import { join } from 'node:path';
import { appendTable, type Duck, lit } from '@kk/core';
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
  await duck.runFile(join(SQL_DIR, 'orphan-ids.sql'), { a: a.prefix, b: b.prefix });
  for (const [side, e] of [
    ['a', a],
    ['b', b],
  ] as const)
    await duck.runFile(join(SQL_DIR, 'orphans.sql'), { p: e.prefix, side: lit(side) });
  const sides = await duck.rowsOfFile<{ sida: string; n: number }>(join(SQL_DIR, 'orphan-sides.sql'));
  const renames: Rename[] = [];
  if (sides.length === 2) {
    model ??= loadModel();
    await duck.runFile(join(SQL_DIR, 'match-input.sql'));
    // The records left over on each side are too few to estimate a model on: the start values are used as they
    // stand (config/model.json).
    await resolveEntities(duck, 'kkdiff_match_input', { model, fixed: true });
    const matchBits = Math.log2(model.thresholds.match / (1 - model.thresholds.match));
    const priorBits = Math.log2(model.prior.match_probability / (1 - model.prior.match_probability));
    const pairs = await duck.rowsOfFile<Rename>(join(SQL_DIR, 'rename-pairs.sql'), {
      match: String(model.thresholds.match),
      prior_bits: priorBits.toFixed(6),
      match_bits: matchBits.toFixed(6),
    });
    const usedA = new Set<string>();
    const usedB = new Set<string>();
    for (const p of pairs) {
      if (usedA.has(p.entity_a) || usedB.has(p.entity_b)) continue;
      usedA.add(p.entity_a);
      usedB.add(p.entity_b);
      renames.push({ ...p, sannolikhet: Number(p.sannolikhet), matchvikt: Number(p.matchvikt) });
    }
  }
  await appendTable(
    duck,
    'kkdiff_renames',
    { entity_a: 'VARCHAR', entity_b: 'VARCHAR', grund: 'VARCHAR' },
    renames.map((r) => [r.entity_a, r.entity_b, r.grund]),
  );
  return renames;
}
