// Everything the web edition reads, in one place: the upstream stages' tables, the report's page numbers and
// the edition's raw map files and descriptions.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentStageDir, type Duck, type Edition, readJsonFile, readRef, readTextFile } from '@kk/core';
import { FACT_FIELDS } from '@kk/fields';
import { readKommunpunkter, readLan } from '@kk/map';

/** Everything the web edition reads, typed by what each read names (a column not named is a type error). */
export type SiteInputs = Awaited<ReturnType<typeof loadSiteInputs>>;

export async function loadSiteInputs(duck: Duck, edition: Edition) {
  // This run's outputs of the stages before (staged until the whole run succeeds).
  const upstream = (stage: string) => currentStageDir(edition, stage);
  const raw = edition.rawDir;
  const meta = readJsonFile<{ titel: string }>(join(raw, 'edition.json'), 'the edition file');
  const descriptions = new Map<string, string>();
  const descDir = join(raw, 'factsheets', 'descriptions');
  for (const file of existsSync(descDir) ? readdirSync(descDir).sort() : []) {
    if (file.endsWith('.md'))
      descriptions.set(file.replace(/\.md$/, ''), readFileSync(join(descDir, file), 'utf8'));
  }
  const karta = join(raw, 'karta');
  return {
    year: edition.year,
    title: meta.titel,
    factsheets: await readRef(duck, edition, 'ingest', 'factsheets', [
      'id',
      'tabellnamn',
      'rubrik',
      ...FACT_FIELDS.map(([key]) => key),
    ]),
    descriptions,
    // The lists as the criteria stage stored them, with each member's fact sheet and printed name.
    lista1: await readRef(duck, edition, 'criteria', 'lista1', [
      'entity_id',
      'factsheet_id',
      'namn',
      'ordning',
    ]),
    lista2: await readRef(duck, edition, 'criteria', 'lista2', [
      'entity_id',
      'factsheet_id',
      'namn',
      'ordning',
      'typ',
    ]),
    poang: await readRef(duck, edition, 'criteria', 'poang', [
      'entity_id',
      'kriterium',
      'andel',
      'uppfyllda',
      'bedomda',
    ]),
    kriterier: await readRef(duck, edition, 'criteria', 'kriterier', ['nr', 'rubrik', 'diagramtext']),
    indikatorer: await readRef(duck, edition, 'criteria', 'indikatorer', ['kriterium', 'nr']),
    // The initiatives' own answers in the survey (empty when nobody answered).
    sjalvbedomning: await readRef(duck, edition, 'ingest', 'sjalvbedomning', [
      'entity_id',
      'kriterium',
      'indikator',
      'svar',
      'hur',
    ]),
    entityLan: await readRef(duck, edition, 'employment', 'entity_lan', ['entity_id', 'lan_kod']),
    entityEmployment: await readRef(duck, edition, 'employment', 'entity_employment', [
      'entity_id',
      'rad',
      'lan_kod',
      'ar',
      'rams_grupp',
      'bransch',
      'sysselsatta',
      'region_totalt',
      'lq',
    ]),
    lanSector: await readRef(duck, edition, 'employment', 'lan_sector', [
      'ar',
      'lan_kod',
      'rams_grupp',
      'bransch',
      'sysselsatta',
      'andel',
      'lq',
      'initiativ_lista1',
      'saknade_celler',
    ]),
    lan: await readRef(duck, edition, 'ingest', 'ref_lan', ['lan_kod', 'lan_namn', 'lan_kortnamn']),
    sektorer: await readRef(duck, edition, 'ingest', 'ref_sektorer', [
      'typ_av_sektor',
      'kategori',
      'rams_grupp',
    ]),
    rams: await readRef(duck, edition, 'ingest', 'ref_rams_grupper', ['rams_grupp', 'benamning']),
    pages: readJsonFile<Record<string, number>>(
      join(upstream('report'), 'pages.json'),
      "the report's page numbers",
    ),
    karta: {
      lan: readLan(readTextFile(join(karta, 'lan.geojson'), 'the map file lan.geojson')),
      kommuner: readKommunpunkter(
        readTextFile(join(karta, 'kommunpunkter.csv'), 'the map file kommunpunkter.csv'),
      ),
    },
  };
}
