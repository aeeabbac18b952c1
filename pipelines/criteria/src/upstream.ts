import { join } from 'node:path';
import { type Duck, type Edition, LEDGER_COLUMNS, readRef, ref } from '@kk/core';
import type { DedupeEntitiesRow, IngestFactsheetsRow } from '@kk/tables';
import type { GeoReference } from './geography.ts';

/** An entity as the dedupe stage resolves it. */
export type Entity = Pick<DedupeEntitiesRow, 'entity_id' | 'namn' | 'factsheet_id'>;

/** The fact-sheet fields the rule and the lists use (from ingest's factsheets table). */
const FACTSHEET_COLUMNS = [
  'id',
  'lista',
  'natverkstyp',
  'ordning',
  'tabellnamn',
  'tabell_geografi',
  'sida_2009',
  'geografiskt_omrade',
] as const;

/**
 * The fields att-bedöma.csv shows beside an entity to assess, read only when there is one: a change to them
 * (a member count, say) leaves the stage current while every entity is assessed.
 */
const REVIEW_COLUMNS = [
  'internetadress',
  'kontaktperson',
  'typ_av_sektor',
  'antal_medlemsforetag',
  'finansiarer',
  'forskning',
] as const;

export type Factsheet = Pick<IngestFactsheetsRow, (typeof FACTSHEET_COLUMNS)[number]>;
export type ReviewFactsheet = Pick<
  IngestFactsheetsRow,
  (typeof FACTSHEET_COLUMNS)[number] | (typeof REVIEW_COLUMNS)[number]
>;

/** The fact sheets with the fields att-bedöma.csv shows, by id. */
export async function readReviewFactsheets(
  duck: Duck,
  edition: Edition,
): Promise<Map<string, ReviewFactsheet>> {
  const rows = await readRef(duck, edition, 'ingest', 'factsheets', [
    ...FACTSHEET_COLUMNS,
    ...REVIEW_COLUMNS,
  ]);
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Loads the upstream tables this stage's TypeScript and sql/ read into DuckDB: `entities` and `ledger` from
 * dedupe, `factsheets` and `candidates` from ingest. (The models read theirs through ref().)
 */
export async function loadUpstream(duck: Duck, edition: Edition): Promise<void> {
  const load = async (stage: string, table: string, columns: readonly string[]) =>
    duck.createTable(table, await ref(duck, edition, stage, table, columns));
  await load('dedupe', 'entities', ['entity_id', 'namn', 'factsheet_id']);
  await load('dedupe', 'ledger', LEDGER_COLUMNS);
  await load('ingest', 'factsheets', FACTSHEET_COLUMNS);
  await load('ingest', 'candidates', [
    'source_file',
    'source_line',
    'namn',
    'webb',
    'webb_host',
    'telefon_norm',
    'kontakt_namn',
    'epost',
    'region',
    'sektor',
    'anmarkning',
    'grund',
  ]);
}

export async function readEntities(duck: Duck): Promise<Entity[]> {
  return duck.rowsOfFile<Entity>(join(import.meta.dirname, '..', 'sql', 'entities.sql'));
}

export async function readFactsheets(duck: Duck): Promise<Map<string, Factsheet>> {
  const rows = await duck.readTable<Factsheet>('factsheets', FACTSHEET_COLUMNS);
  return new Map(rows.map((r) => [r.id, r]));
}

/** The reference tables the geography needs, from ingest's outputs. */
export async function readGeoReference(duck: Duck, edition: Edition): Promise<GeoReference> {
  return {
    lan: await readRef(duck, edition, 'ingest', 'ref_lan'),
    kommuner: await readRef(duck, edition, 'ingest', 'ref_kommuner'),
    lanAlias: await readRef(duck, edition, 'ingest', 'ref_lan_alias'),
    gazetteer: await readRef(duck, edition, 'ingest', 'ref_gazetteer'),
  };
}
