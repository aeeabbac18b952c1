import { join } from 'node:path';
import { type Duck, loadRows, makeModels } from '@kk/core';
import { sqlText } from './sql.ts';

/** The relation fs_entity reads while the dedupe stage has written no entities: rows keep an empty entity_id. */
const NO_ENTITIES = `(${sqlText('30_no_entities.sql').trim()})`;

/**
 * What the join's models (models/*.sql) need beside the statistics and the reference tables: the source
 * `controls` (the national totals declared in statistik.csv, in their order: one stands in for a national total
 * that suppressed cells leave unknown) and the values of var('ar') (the statistics year) and var('entities')
 * (dedupe's entities from ref(), or null while that stage writes none).
 */
export async function joinVars(
  duck: Duck,
  ar: number,
  entities: string | null,
  controls: { ar: number; riket: number }[],
  tmp: string,
): Promise<Record<string, string>> {
  await loadRows(
    duck,
    'controls',
    { n: 'INTEGER', ar: 'INTEGER', riket: 'BIGINT' },
    controls.map((c, n) => ({ n, ...c })),
    join(tmp, 'controls.ndjson'),
  );
  return { ar: String(ar), entities: entities ?? NO_ENTITIES };
}

/**
 * The join alone (tests, bench): the models of entity_employment and lan_sector made in the connection, over
 * `statistics_long`, `entity_lan`, `factsheets` and the reference tables already there; the stage runs every model
 * with runModels.
 */
export async function joinEmployment(
  duck: Duck,
  ar: number,
  entities: string | null,
  tmp: string,
  controls: { ar: number; riket: number }[] = [],
): Promise<void> {
  const vars = await joinVars(duck, ar, entities, controls, tmp);
  await makeModels(duck, { stage: 'employment' }, { vars, only: ['entity_employment', 'lan_sector'] });
}
