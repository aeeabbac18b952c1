import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Duck, ident, lit } from '@kk/core';
import type { EditionOutputs, EditionShape, TableSpec } from './types.ts';

export const SQL_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'sql');

const V = 'VARCHAR';
const cols = (names: string, type = V) => Object.fromEntries(names.split(/\s+/).map((n) => [n, type]));

/** The output tables the diff reads and the columns it uses from each; anything else in them is left alone. */
const TABLES: TableSpec[] = [
  { stage: 'ingest', table: 'source_lists', columns: { ...cols('fil ursprung'), rader: 'INTEGER' } },
  {
    stage: 'ingest',
    table: 'candidates',
    columns: {
      ...cols('record_id source_file namn webb_canonical adress postnummer kontakt_namn extra'),
      telefon_norm: 'VARCHAR[]',
      epost: 'VARCHAR[]',
    },
  },
  {
    stage: 'ingest',
    table: 'factsheets',
    columns: {
      ...cols(
        'id natverkstyp tabellnamn rubrik internetadress adress telefonnummer kontaktperson geografiskt_omrade ' +
          'typ_av_sektor antal_medlemsforetag startar finansiarer forskning koppling webb_canonical postnummer kontakt_namn',
      ),
      lista: 'INTEGER',
      telefon_norm: 'VARCHAR[]',
      epost: 'VARCHAR[]',
    },
  },
  { stage: 'dedupe', table: 'entities', columns: cols('entity_id namn factsheet_id') },
  { stage: 'dedupe', table: 'membership', columns: cols('record_id entity_id') },
  {
    stage: 'criteria',
    table: 'beslut',
    columns: cols(
      'entity_id namn factsheet_id utfall skal_kod skal beslut undantag organisationstyp aktiv inaktiv_sedan egen_webbplats',
    ),
  },
  {
    stage: 'criteria',
    table: 'bedomningar',
    columns: {
      ...cols('entity_id bedomning indikatorer_uppfyllda indikatorer_bedomda grund'),
      kriterium: 'INTEGER',
    },
  },
  {
    stage: 'employment',
    table: 'entity_employment',
    columns: {
      ...cols('factsheet_id entity_id rad rams_grupp bransch lan_koder'),
      ar: 'INTEGER',
      sysselsatta: 'BIGINT',
      region_totalt: 'BIGINT',
      riket_totalt: 'BIGINT',
      lq: 'DOUBLE',
    },
  },
  { stage: 'employment', table: 'entity_lan', columns: cols('factsheet_id entity_id lan_kod') },
];

const key = (spec: TableSpec) => `${spec.stage}/${spec.table}`;

let editions = 0;

/**
 * Defines ${p}_t_<table> over a source (a SQL relation, or nothing): every column the diff reads, cast to its
 * type, NULL where the source lacks it; the table empty where there is no source. Records what it found.
 */
async function defineTable(
  duck: Duck,
  prefix: string,
  spec: TableSpec,
  source: string | null,
  shape: EditionShape,
): Promise<void> {
  const target = `${prefix}_t_${spec.table}`;
  const wanted = Object.entries(spec.columns);
  if (source === null) {
    shape.missingTables.push(key(spec));
    const select = wanted.map(([c, t]) => `CAST(NULL AS ${t}) AS ${ident(c)}`).join(', ');
    await duck.runFile(join(SQL_DIR, 'empty-table.sql'), { target, columns: select });
    return;
  }
  const view = `${prefix}_src_${spec.table}`;
  await duck.runFile(join(SQL_DIR, 'source-view.sql'), { view, source });
  const have = (await duck.rowsOfFile<{ column_name: string }>(join(SQL_DIR, 'describe.sql'), { view })).map(
    (r) => r.column_name,
  );
  shape.tables[key(spec)] = have;
  const select = wanted.map(([c, t]) => {
    if (have.includes(c)) return `TRY_CAST(${ident(c)} AS ${t}) AS ${ident(c)}`;
    shape.missingColumns.push(`${key(spec)}.${c}`);
    return `CAST(NULL AS ${t}) AS ${ident(c)}`;
  });
  await duck.runFile(join(SQL_DIR, 'typed-view.sql'), { target, columns: select.join(', '), view });
}

async function finish(
  duck: Duck,
  prefix: string,
  shape: EditionShape,
  info: { year: number | null; label: string; buildDir: string | null },
): Promise<EditionOutputs> {
  await duck.runFile(join(SQL_DIR, 'normalise.sql'), { p: prefix });
  return { duck, prefix, shape, ...info };
}

export interface LoadOptions {
  /** How the edition is named in headings (default: the year, from the folder's name). */
  label?: string;
  /** Table prefix in the Duck (default: a fresh one). */
  prefix?: string;
  /** Where a stage's outputs are (default: <buildDir>/<stage>; a run's staged outputs for the changes stage). */
  stageDir?: (stage: string) => string;
}

/**
 * Reads one edition's stage outputs (build/<year>/<stage>/<table>.parquet) into the Duck. A missing table or
 * column is not an error: it is read as empty and recorded in `shape`, so that editions of different shapes
 * can be compared.
 */
export async function readEditionOutputs(
  duck: Duck,
  buildDir: string,
  options: LoadOptions = {},
): Promise<EditionOutputs> {
  const prefix = options.prefix ?? `kkdiff_${++editions}`;
  const shape: EditionShape = { tables: {}, missingTables: [], missingColumns: [] };
  for (const spec of TABLES) {
    const file = join(options.stageDir?.(spec.stage) ?? join(buildDir, spec.stage), `${spec.table}.parquet`);
    await defineTable(duck, prefix, spec, existsSync(file) ? `read_parquet(${lit(file)})` : null, shape);
  }
  const name = basename(buildDir);
  const year = /^\d{4}$/.test(name) ? Number(name) : null;
  return finish(duck, prefix, shape, { year, label: options.label ?? name, buildDir });
}

/**
 * An edition from SQL relations already in the Duck (table names or parenthesised queries), keyed by table name;
 * tables not given are missing. For generated editions (the benchmark).
 */
export async function editionFromSql(
  duck: Duck,
  sources: Partial<Record<string, string>>,
  info: { year?: number | null; label: string; prefix?: string },
): Promise<EditionOutputs> {
  const prefix = info.prefix ?? `kkdiff_${++editions}`;
  const shape: EditionShape = { tables: {}, missingTables: [], missingColumns: [] };
  for (const spec of TABLES) await defineTable(duck, prefix, spec, sources[spec.table] ?? null, shape);
  return finish(duck, prefix, shape, { year: info.year ?? null, label: info.label, buildDir: null });
}

/**
 * An edition from rows as the stage outputs hold them (any subset of their columns), keyed by table name;
 * tables not given are missing. For tests.
 */
export async function editionFromRows(
  duck: Duck,
  tables: Partial<Record<string, Record<string, unknown>[]>>,
  info: { year?: number | null; label: string; prefix?: string },
): Promise<EditionOutputs> {
  const prefix = info.prefix ?? `kkdiff_${++editions}`;
  const dir = mkdtempSync(join(tmpdir(), 'kk-diff-'));
  const sources: Record<string, string> = {};
  try {
    for (const [name, rows] of Object.entries(tables)) {
      if (!rows) continue;
      const table = `${prefix}_rows_${name}`;
      if (rows.length === 0) {
        const spec = TABLES.find((t) => t.table === name);
        if (!spec) throw new Error(`no table ${name} in the diff's inputs`);
        const select = Object.entries(spec.columns).map(([c, t]) => `CAST(NULL AS ${t}) AS ${ident(c)}`);
        await duck.runFile(join(SQL_DIR, 'empty-table.sql'), { target: table, columns: select.join(', ') });
      } else {
        const file = join(dir, `${name}.ndjson`);
        writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
        await duck.runFile(join(SQL_DIR, 'rows-table.sql'), { table, file: lit(file) });
      }
      sources[name] = table;
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return editionFromSql(duck, sources, { ...info, prefix });
}
