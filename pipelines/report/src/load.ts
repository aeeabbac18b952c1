import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Duck,
  decodeText,
  displayPath,
  type Edition,
  InputError,
  readJsonFile,
  readRef,
  ref,
  type Warning,
} from '@kk/core';
import { readKommunpunkter, readLan } from '@kk/map';
import { changesChapter } from './changes.ts';
import {
  type Criterion,
  type EditionMeta,
  type Employment,
  type Exception,
  FACTSHEET_COLUMNS,
  type Factsheet,
  type Indicator,
  type ListMember,
  type NetworkType,
  type OutlinePart,
  type Poang,
  type ReportInputs,
} from './inputs.ts';

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const num = (v: unknown) => (v === null || v === undefined || v === '' ? null : Number(v));

/** Every input of the report, from the upstream stages' outputs and the edition's content. */
/** Longer than this, a description would not fit its page; 250 words is the method's own limit (4.3). */
export const DESCRIPTION_MAX_WORDS = 1000;

export async function loadInputs(
  duck: Duck,
  edition: Edition,
  warn: (w: Warning) => void = () => {},
): Promise<ReportInputs> {
  const raw = edition.rawDir;

  const meta = readJsonFile<EditionMeta>(join(raw, 'edition.json'), 'a JSON file');
  if (meta.ar !== edition.year) {
    const file = join(raw, 'edition.json');
    const line =
      readFileSync(file, 'utf8')
        .split('\n')
        .findIndex((l) => /"ar"\s*:/.test(l)) + 1;
    throw new InputError(
      { file: displayPath(file), line: line || undefined },
      `"ar": ${edition.year}, the year of the edition folder`,
      JSON.stringify(meta.ar),
    );
  }
  const outline = readJsonFile<{ parts: OutlinePart[] }>(
    join(raw, 'content', 'outline.json'),
    'a JSON file',
  ).parts;
  const content = new Map<string, string>();
  for (const part of outline) {
    if (part.kind !== 'prose') continue;
    const p = join(raw, 'content', part.file);
    if (!existsSync(p)) {
      throw new InputError(
        { file: displayPath(join(raw, 'content', 'outline.json')) },
        `the content file ${part.file}`,
        'no such file',
      );
    }
    content.set(part.file, readFileSync(p, 'utf8'));
  }

  const factsheets = (await readRef(duck, edition, 'ingest', 'factsheets', FACTSHEET_COLUMNS)).map(
    (r): Factsheet => ({ ...r, lista: Number(r.lista), ordning: Number(r.ordning) }),
  );
  const descriptions = new Map<string, string>();
  const descDir = join(raw, 'factsheets', 'descriptions');
  const known = new Set(factsheets.map((f) => f.id));
  for (const file of existsSync(descDir) ? readdirSync(descDir).sort() : []) {
    const id = file.replace(/\.md$/, '');
    const path = join(descDir, file);
    if (!known.has(id)) {
      throw new InputError(
        { file: displayPath(path) },
        'a description of a fact sheet in factsheets.csv',
        `no fact sheet with id ${JSON.stringify(id)}`,
      );
    }
    const text = decodeText(readFileSync(path), displayPath(path), 'utf-8').text;
    const words = text.split(/\s+/).filter(Boolean).length;
    if (words > DESCRIPTION_MAX_WORDS) {
      throw new InputError(
        { file: displayPath(path) },
        `a description that fits the initiative's page (at most ${DESCRIPTION_MAX_WORDS} words; the method says 250)`,
        `${words} words`,
      );
    }
    if (words > 250)
      warn({
        location: displayPath(path),
        message: `${words} words; the report's method allows at most 250 (4.3), kept`,
      });
    descriptions.set(id, text);
  }

  const entities = await readRef(duck, edition, 'dedupe', 'entities', ['entity_id']);
  // The lists as the criteria stage stored them: in the overview tables' order, with each member's fact sheet and
  // the name and area the overview table prints.
  const lista1 = await readRef(duck, edition, 'criteria', 'lista1', [
    'entity_id',
    'factsheet_id',
    'namn',
    'geografiskt_omrade',
  ]);
  const lista2 = await readRef(duck, edition, 'criteria', 'lista2', [
    'entity_id',
    'factsheet_id',
    'typ',
    'namn',
    'geografiskt_omrade',
  ]);
  const members: ListMember[] = [
    ...lista1.map((r) => ({
      entity_id: r.entity_id,
      factsheet_id: r.factsheet_id ?? '',
      lista: 1 as const,
      typ: null,
      namn: r.namn,
      geografiskt_omrade: r.geografiskt_omrade,
    })),
    ...lista2.map((r) => ({
      entity_id: r.entity_id,
      factsheet_id: r.factsheet_id ?? '',
      lista: 2 as const,
      typ: r.typ as NetworkType,
      namn: r.namn,
      geografiskt_omrade: r.geografiskt_omrade,
    })),
  ];
  for (const m of members) {
    if (!m.factsheet_id || !descriptions.has(m.factsheet_id)) {
      throw new InputError(
        { file: displayPath(join(raw, 'factsheets', 'factsheets.csv')) },
        `a fact sheet and a description for ${m.entity_id}, which is in list ${m.lista}`,
        'none: add its fact sheet, or the report would publish an initiative without its page',
      );
    }
  }
  const exceptions: Exception[] = (
    await readRef(duck, edition, 'criteria', 'undantag', ['entity_id', 'kriterier', 'motivering'])
  ).map((r) => ({
    entity_id: str(r.entity_id),
    kriterier: str(r.kriterier)
      .split(/[;,\s]+/)
      .filter(Boolean)
      .map(Number),
    motivering: str(r.motivering),
  }));
  const criteriaRows: Criterion[] = (
    await readRef(duck, edition, 'criteria', 'kriterier', [
      'nr',
      'rubrik',
      'beskrivning',
      'diagramtext',
      'kortnamn',
    ])
  ).map((r) => ({
    nr: Number(r.nr),
    rubrik: str(r.rubrik),
    beskrivning: str(r.beskrivning),
    diagramtext: str(r.diagramtext),
    kortnamn: str(r.kortnamn),
  }));
  const indicators: Indicator[] = (
    await readRef(duck, edition, 'criteria', 'indikatorer', ['kriterium', 'nr', 'text'])
  ).map((r) => ({
    kriterium: Number(r.kriterium),
    nr: Number(r.nr),
    text: str(r.text),
  }));
  const poang: Poang[] = (
    await readRef(duck, edition, 'criteria', 'poang', ['entity_id', 'kriterium', 'andel'])
  ).map((r) => ({
    entity_id: str(r.entity_id),
    kriterium: Number(r.kriterium),
    andel: num(r.andel),
  }));
  const rejected = await readRef(duck, edition, 'criteria', 'bortsorterade', ['entity_id', 'steg']);
  const self = (
    await readRef(duck, edition, 'ingest', 'sjalvbedomning', ['entity_id', 'kriterium', 'indikator', 'svar'])
  ).map((r) => ({
    entity_id: str(r.entity_id),
    kriterium: Number(r.kriterium),
    indikator: Number(r.indikator),
    svar: str(r.svar),
  }));
  const numbers = (v: unknown) =>
    str(v)
      .split(';')
      .filter((x) => x.trim() !== '')
      .map(Number);
  const analystIndicators = (
    await readRef(duck, edition, 'criteria', 'bedomningar', [
      'entity_id',
      'kriterium',
      'indikatorer_uppfyllda',
      'indikatorer_bedomda',
    ])
  ).map((r) => ({
    entity_id: str(r.entity_id),
    kriterium: Number(r.kriterium),
    uppfyllda: numbers(r.indikatorer_uppfyllda),
    bedomda: numbers(r.indikatorer_bedomda),
  }));
  // Every column the open items read of the survey (@kk/core open-items.ts reads the files untracked).
  const surveyStatus = await readRef(duck, edition, 'ingest', 'enkat_status', [
    'entity_id',
    'namn',
    'kontakt',
    'epost',
    'besvarad',
    'fullstandig',
  ]);
  await readRef(duck, edition, 'ingest', 'enkat_obesvarade', ['entity_id']);

  const entityLan = new Map<string, string[]>();
  for (const r of await readRef(duck, edition, 'employment', 'entity_lan', ['entity_id', 'lan_kod'])) {
    const id = str(r.entity_id);
    entityLan.set(id, [...(entityLan.get(id) ?? []), str(r.lan_kod)]);
  }
  const employmentRows = new Map<string, Employment>();
  const employmentTable = await readRef(duck, edition, 'employment', 'entity_employment', [
    'entity_id',
    'rad',
    'lan_koder',
    'ar',
    'rams_grupp',
    'bransch',
    'sysselsatta',
    'region_totalt',
    'lq',
    'forandring',
    'kalla',
    'tabell',
    'gruppering_text',
    'matt',
    'lq_saknas',
    'lq_saknas_celler',
  ]);
  const missingCells = new Map(
    (
      await readRef(duck, edition, 'employment', 'missing_cells', [
        'plats',
        'symbol',
        'lan_kod',
        'region_kod',
        'region_niva',
        'naringsgren_kod',
        'ar',
      ])
    ).map((r) => [
      str(r.plats),
      {
        plats: str(r.plats),
        symbol: str(r.symbol),
        lan_kod: str(r.lan_kod),
        region_kod: str(r.region_kod),
        region_niva: str(r.region_niva),
        naringsgren_kod: str(r.naringsgren_kod),
        ar: Number(r.ar),
      },
    ]),
  );
  // One row per initiative over all its Swedish län ("alla"); the per-län rows are for the tables.
  for (const r of employmentTable.filter((row) => row.rad === 'alla')) {
    employmentRows.set(str(r.entity_id), {
      entity_id: str(r.entity_id),
      lan: str(r.lan_koder).split(';').filter(Boolean),
      ar: Number(r.ar),
      rams_grupp: str(r.rams_grupp),
      bransch: str(r.bransch),
      sysselsatta: num(r.sysselsatta),
      region_totalt: num(r.region_totalt),
      lq: num(r.lq),
      forandring: num(r.forandring),
      lq_saknas: str(r.lq_saknas),
      lq_saknas_celler: str(r.lq_saknas_celler)
        .split('; ')
        .flatMap((p) => missingCells.get(p) ?? []),
    });
  }
  const years = [...new Set([...employmentRows.values()].map((e) => e.ar))];
  const source = employmentTable.find((r) => r.rad === 'alla');

  const kalla = await duck.rowsOfFile<{ entity_id: string; k1: boolean; k2: boolean }>(
    join(import.meta.dirname, '..', 'sql', 'source-lists.sql'),
    {
      membership: await ref(duck, edition, 'dedupe', 'membership', ['entity_id', 'record_id']),
      candidates: await ref(duck, edition, 'ingest', 'candidates', ['record_id', 'kalla']),
    },
  );

  // The chapter on changes since the previous edition: the changes stage's facts, none for the first edition.
  const [kapitel] = await readRef(duck, edition, 'changes', 'kapitel', [
    'utgava_a',
    'utgava_b',
    'lista1_a',
    'lista1_b',
    'strategiska_a',
    'strategiska_b',
    'transnationella_a',
    'transnationella_b',
    'bortsorterade_a',
    'bortsorterade_b',
    'tillagda',
    'borttagna',
    'namnbyten',
    'flyttade',
    'faktaandrade',
    'bedomningsandrade',
    'statistikar_a',
    'statistikar_b',
    'ett_statistikar',
    'riket_a',
    'riket_b',
    'sysselsattning_andrade',
    'tabellskillnader',
  ]);
  const changes = kapitel
    ? changesChapter(
        kapitel,
        await readRef(duck, edition, 'changes', 'kapitel_rader', [
          'ordning',
          'grupp',
          'cell1',
          'cell2',
          'cell3',
          'cell4',
          'cell5',
        ]),
      )
    : undefined;

  return {
    edition: meta,
    outline,
    content,
    factsheets,
    descriptions,
    members,
    exceptions,
    criteria: criteriaRows,
    indicators,
    poang,
    self,
    analystIndicators,
    surveyAsked: surveyStatus.length,
    surveyAnswered: surveyStatus.filter((r) => r.besvarad === true).length,
    entityLan,
    employment: employmentRows,
    employmentSource: {
      ar: years[0] ?? meta.ar - 1,
      tabell: str(source?.tabell),
      kalla: str(source?.kalla),
      gruppering: str(source?.gruppering_text),
      matt: str(source?.matt),
    },
    lan: await readRef(duck, edition, 'ingest', 'ref_lan', ['lan_kod', 'lan_namn', 'lan_kortnamn']),
    larosaten: await readRef(duck, edition, 'ingest', 'ref_larosaten', ['larosate', 'alias', 'typ']),
    sektorer: await readRef(duck, edition, 'ingest', 'ref_sektorer', ['typ_av_sektor', 'kategori']),
    karta: readKarta(raw),
    collection: {
      entities: entities.length,
      kalla1: kalla.filter((k) => k.k1).length,
      kalla2Only: kalla.filter((k) => !k.k1 && k.k2).length,
      rejectedStep1: rejected.filter((r) => Number(r.steg) === 1).length,
    },
    ...(changes ? { changes } : {}),
  };
}

/** raw/<year>/karta/: the län boundaries and one point per kommun (built by @kk/raw-tools make-karta). */
function readKarta(raw: string): ReportInputs['karta'] {
  const dir = join(raw, 'karta');
  const read = (file: string) => {
    const p = join(dir, file);
    if (!existsSync(p))
      throw new InputError({ file: displayPath(p) }, `the map file ${file}`, 'no such file');
    return readFileSync(p, 'utf8');
  };
  return { lan: readLan(read('lan.geojson')), kommuner: readKommunpunkter(read('kommunpunkter.csv')) };
}
