import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Duck, displayPath, InputError, LEDGER_COLUMNS, lit } from '@kk/core';
import type { GeoReference } from './geography.ts';

/** An entity as the dedupe stage resolves it. */
export interface Entity {
  entity_id: string;
  namn: string;
  factsheet_id: string | null;
}

/** The fact-sheet fields this stage uses (from ingest's factsheets table). */
export interface Factsheet {
  id: string;
  lista: number;
  natverkstyp: string;
  ordning: number;
  tabellnamn: string;
  tabell_geografi: string;
  sida_2009: number | null;
  internetadress: string;
  kontaktperson: string;
  geografiskt_omrade: string;
  typ_av_sektor: string;
  antal_medlemsforetag: string;
  startar: string;
  finansiarer: string;
  forskning: string;
  koppling: string;
}

function need(path: string, what: string): string {
  if (!existsSync(path)) {
    throw new InputError(
      { file: displayPath(path) },
      `${what} (run the stage that writes it)`,
      'no such file',
    );
  }
  return lit(path);
}

async function columnsOf(duck: Duck, source: string): Promise<string[]> {
  const rows = await duck.rows<{ column_name: string }>(`DESCRIBE SELECT * FROM ${source}`);
  return rows.map((r) => r.column_name);
}

async function requireColumns(duck: Duck, source: string, path: string, wanted: readonly string[]) {
  const have = await columnsOf(duck, source);
  const missing = wanted.filter((c) => !have.includes(c));
  if (missing.length > 0) {
    throw new InputError(
      { file: displayPath(path) },
      `the columns ${wanted.join(', ')}`,
      `no column ${missing.join(', ')} (columns: ${have.join(', ')})`,
    );
  }
}

/**
 * Loads the upstream tables into DuckDB: `entities` and `ledger` from dedupe, `factsheets` and `candidates`
 * from ingest. The ledger is read as text so that its columns pass through unchanged.
 */
export async function loadUpstream(duck: Duck, ingestDir: string, dedupeDir: string): Promise<void> {
  const entitiesPath = join(dedupeDir, 'entities.parquet');
  const entities = `read_parquet(${need(entitiesPath, "the dedupe stage's entities")})`;
  await requireColumns(duck, entities, entitiesPath, ['entity_id', 'namn', 'factsheet_id']);
  await duck.run(`CREATE OR REPLACE TABLE entities AS SELECT * FROM ${entities}`);

  const ledgerPath = join(dedupeDir, 'ledger.csv');
  const ledger = `read_csv(${need(ledgerPath, "the dedupe stage's ledger")}, header = true, all_varchar = true, auto_detect = true)`;
  await requireColumns(duck, ledger, ledgerPath, LEDGER_COLUMNS);
  await duck.run(
    `CREATE OR REPLACE TABLE ledger AS SELECT row_number() OVER () AS ledger_row, * FROM ${ledger}`,
  );

  const fsPath = join(ingestDir, 'factsheets.parquet');
  await duck.run(
    `CREATE OR REPLACE TABLE factsheets AS SELECT * FROM read_parquet(${need(fsPath, "the ingest stage's fact sheets")})`,
  );
  const candPath = join(ingestDir, 'candidates.parquet');
  await duck.run(
    `CREATE OR REPLACE TABLE candidates AS SELECT * FROM read_parquet(${need(candPath, "the ingest stage's candidates")})`,
  );
}

export async function readEntities(duck: Duck): Promise<Entity[]> {
  return duck.rows<Entity>(
    'SELECT entity_id::VARCHAR AS entity_id, namn::VARCHAR AS namn, factsheet_id::VARCHAR AS factsheet_id FROM entities ORDER BY entity_id',
  );
}

export async function readFactsheets(duck: Duck): Promise<Map<string, Factsheet>> {
  const rows = await duck.rows<Factsheet>(
    `SELECT id, lista, natverkstyp, ordning, tabellnamn, tabell_geografi, sida_2009, internetadress, kontaktperson,
            geografiskt_omrade, typ_av_sektor, antal_medlemsforetag, startar, finansiarer, forskning, koppling
     FROM factsheets`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** The reference tables the geography needs, from ingest's outputs. */
export async function readGeoReference(duck: Duck, ingestDir: string): Promise<GeoReference> {
  const table = async <T>(name: string) =>
    duck.rows<T>(
      `SELECT * FROM read_parquet(${need(join(ingestDir, `${name}.parquet`), `the ingest stage's ${name}`)})`,
    );
  return {
    lan: await table('ref_lan'),
    kommuner: await table('ref_kommuner'),
    lanAlias: await table('ref_lan_alias'),
    gazetteer: await table('ref_gazetteer'),
  };
}
