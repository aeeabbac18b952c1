import type { Duck } from '@kk/core';
import { runSql } from './sql.ts';

/**
 * Runs the join in DuckDB over `statistics_long`, `entity_lan`, `factsheets` and the reference tables:
 * county and country values, groupings, totals, then `entity_employment` and `lan_sector` for year `ar`.
 * `entities` is the relation of dedupe's entities (from ref()), or null while that stage writes none. `controls`
 * are the national totals declared in statistik.csv: one stands in for a national total that suppressed cells
 * leave unknown.
 */
export async function joinEmployment(
  duck: Duck,
  ar: number,
  entities: string | null,
  controls: { ar: number; riket: number }[] = [],
): Promise<void> {
  await runSql(duck, '30_regions.sql');
  await runSql(duck, '31_measures.sql');
  await runSql(duck, '32_coverage.sql');
  for (const c of controls) {
    await runSql(duck, '33_control_total.sql', { ar: String(c.ar), riket: String(c.riket) });
  }
  await runSql(duck, '35_entity_sector.sql');
  if (entities) await runSql(duck, '36_entities.sql', { entities });
  else await runSql(duck, '36_no_entities.sql');
  await runSql(duck, '37_sources.sql');
  await runSql(duck, '40_entity_employment.sql', { ar: String(ar) });
  await runSql(duck, '41_lan_sector.sql', { ar: String(ar) });
  await runSql(duck, '42_lq_missing.sql', { ar: String(ar) });
}
