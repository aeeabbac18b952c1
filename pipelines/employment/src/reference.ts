import { type Duck, type Edition, ref as upstreamTable } from '@kk/core';
import type { GeoReference } from '@kk/geography';
import { querySql } from './sql.ts';

/** The stage-1 reference tables this stage uses, as rows. */
export interface Reference extends GeoReference {
  ramsGrupper: { rams_grupp: string; benamning: string; sni_avdelningar: string }[];
  sniAvdelningar: { avdelning: string; benamning: string }[];
  sniHuvudgrupper: { huvudgrupp: string; benamning: string; avdelning: string }[];
  sektorer: { typ_av_sektor: string; kategori: string; rams_grupp: string; sni_huvudgrupper: string }[];
}

/** Stage-1 tables read here, by the name they get in DuckDB. */
const TABLES = {
  factsheets: 'factsheets',
  ref_lan: 'lan',
  ref_kommuner: 'kommuner',
  ref_lan_alias: 'lanAlias',
  ref_gazetteer: 'gazetteer',
  ref_rams_grupper: 'ramsGrupper',
  ref_sni_avdelningar: 'sniAvdelningar',
  ref_sni_huvudgrupper: 'sniHuvudgrupper',
  ref_sektorer: 'sektorer',
} as const;

const FACTSHEET_COLUMNS = [
  'id',
  'lista',
  'ordning',
  'rubrik',
  'geografiskt_omrade',
  'tabell_geografi',
  'typ_av_sektor',
  'source_line',
];

/** Creates DuckDB tables for the stage-1 outputs this stage reads and returns the reference rows. */
export async function loadIngest(duck: Duck, edition: Edition): Promise<Reference> {
  for (const table of Object.keys(TABLES)) {
    // Of the fact sheets, what places an initiative and its sector (a change to another column leaves the
    // stage current); the reference tables whole.
    const columns = table === 'factsheets' ? FACTSHEET_COLUMNS : [];
    await duck.createTable(table, await upstreamTable(duck, edition, 'ingest', table, columns));
  }
  const ref = {} as Record<string, unknown>;
  for (const [table, key] of Object.entries(TABLES)) {
    if (table === 'factsheets') continue;
    ref[key] = await querySql(duck, '02_table_rows.sql', { table });
  }
  return ref as unknown as Reference;
}
