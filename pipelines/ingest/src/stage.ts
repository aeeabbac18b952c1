import { join } from 'node:path';
import { type ColumnType, Duck, defineStage, loadRows } from '@kk/core';
import { readFactsheets } from './factsheets.ts';
import { REFERENCE_TABLES, type ReferenceName, readReference } from './reference.ts';
import { readSources } from './sources.ts';

const V = 'VARCHAR' as const;

const CANDIDATE_COLUMNS: Record<string, ColumnType> = {
  record_id: V,
  source_file: V,
  source_line: 'INTEGER',
  kalla: 'INTEGER',
  niva: V,
  ursprung: V,
  namn: V,
  webb: V,
  webb_canonical: V,
  webb_host: V,
  adress: V,
  postnummer: V,
  ort: V,
  telefon: V,
  telefon_norm: 'VARCHAR[]',
  kontaktperson: V,
  kontakt_namn: V,
  epost: 'VARCHAR[]',
  region: V,
  sektor: V,
  anmarkning: V,
  proveniens: V,
  grund: V,
  extra: V,
};

const LIST_COLUMNS: Record<string, ColumnType> = {
  fil: V,
  kalla: 'INTEGER',
  niva: V,
  ursprung: V,
  kodning: V,
  encoding_read: V,
  avgransare: V,
  proveniens: V,
  beskrivning: V,
  rader: 'INTEGER',
};

const FACTSHEET_COLUMNS: Record<string, ColumnType> = {
  id: V,
  lista: 'INTEGER',
  natverkstyp: V,
  ordning: 'INTEGER',
  tabellnamn: V,
  tabell_geografi: V,
  rubrik: V,
  sida_2009: 'INTEGER',
  internetadress: V,
  adress: V,
  telefonnummer: V,
  kontaktperson: V,
  geografiskt_omrade: V,
  typ_av_sektor: V,
  antal_medlemsforetag: V,
  startar: V,
  finansiarer: V,
  forskning: V,
  koppling: V,
  proveniens: V,
  source_line: 'INTEGER',
  webb_canonical: V,
  webb_host: V,
  postnummer: V,
  telefon_norm: 'VARCHAR[]',
  epost: 'VARCHAR[]',
  kontakt_namn: V,
  medlemmar_ca: 'BOOLEAN',
  medlemmar_min: 'INTEGER',
  medlemmar_max: 'INTEGER',
  startar_ar: 'INTEGER',
};

/** Stage 1: typed, validated tables out of the raw lists, fact sheets and reference data. */
export default defineStage({
  name: 'ingest',
  async run(ctx) {
    const raw = ctx.edition.rawDir;
    const sources = await readSources(raw);
    const facts = readFactsheets(raw, ctx.edition.year);
    const reference = readReference(raw);
    for (const w of [...sources.warnings, ...facts.warnings, ...reference.warnings]) ctx.warn(w);

    const duck = await Duck.open();
    try {
      const tmp = join(ctx.out, '.load.ndjson');
      const write = async (
        table: string,
        columns: Record<string, ColumnType>,
        rows: object[],
        orderBy: string,
      ) => {
        await loadRows(duck, table, columns, rows as Record<string, unknown>[], tmp);
        ctx.count(table, await duck.export(`SELECT * FROM "${table}"`, join(ctx.out, table), orderBy));
      };
      await write('source_lists', LIST_COLUMNS, sources.lists, 'fil');
      await write('candidates', CANDIDATE_COLUMNS, sources.candidates, 'source_file, source_line');
      await write('factsheets', FACTSHEET_COLUMNS, facts.factsheets, 'lista, ordning');
      for (const name of Object.keys(REFERENCE_TABLES) as ReferenceName[]) {
        const cols = Object.keys(REFERENCE_TABLES[name].schema.shape);
        const types = Object.fromEntries(cols.map((c) => [c, V])) as Record<string, ColumnType>;
        await write(`ref_${name}`, types, reference.tables[name], cols.join(', '));
      }
      ctx.log(
        `${sources.candidates.length} candidate rows from ${sources.lists.length} lists, ${facts.factsheets.length} fact sheets`,
      );
    } finally {
      duck.close();
    }
  },
});
