import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CheckError,
  type ColumnType,
  Duck,
  defineStage,
  displayPath,
  fillSql,
  InputError,
  lit,
  loadRows,
  type StageContext,
  shown,
} from '@kk/core';
import { duplicateColumns, likelyDuplicates } from './duplicates.ts';
import { utlandskaOrter } from './geography.ts';
import { type CriteriaRaw, type Initiativ, RAW_FILES, readCriteriaRaw } from './raw.ts';
import { assertReconciled, type Figures } from './reconcile.ts';
import {
  GRANSKNING_KOLUMNER,
  type Granskningsrad,
  granskningsrad,
  type Kandidatuppgifter,
} from './review.ts';
import { andel, type Bedomd, KRITERIER, sortera, type Utfall, type Utslag } from './rule.ts';
import {
  type Entity,
  type Factsheet,
  loadUpstream,
  readEntities,
  readFactsheets,
  readGeoReference,
} from './upstream.ts';

const SQL = join(dirname(fileURLToPath(import.meta.url)), '..', 'sql');
const sqlFile = (name: string, params: Record<string, string> = {}) =>
  fillSql(readFileSync(join(SQL, name), 'utf8'), params);

export const REVIEW_FILE = 'att-bedöma.csv';
const OUTCOMES: Utfall[] = ['list1', 'list2-strategic', 'list2-transnational', 'rejected'];

/** One entity with everything the outputs need. */
interface Sorterad {
  entity: Entity;
  namn: string;
  fs: Factsheet | undefined;
  ini: Initiativ | undefined;
  utlandska: string[];
  utslag: Utslag;
}

const V: ColumnType = 'VARCHAR';
const I: ColumnType = 'INTEGER';

/** Sorts one entity; a contradiction between the decision and the assessment stops the run at its line. */
function sortEntity(
  entity: Entity,
  fs: Factsheet | undefined,
  ini: Initiativ | undefined,
  raw: CriteriaRaw,
  utlandska: string[],
): Utslag {
  if (!ini) return sortera(null);
  const judged = raw.bedomningar.get(ini.entity_id);
  if (!judged) throw new Error(`no judgments for ${ini.entity_id}`);
  const b: Bedomd = {
    aktiv: ini.aktiv,
    inaktivSedan: ini.inaktiv_sedan,
    egenWebbplats: ini.egen_webbplats,
    organisationstyp: ini.organisationstyp,
    beslut: ini.beslut,
    motivering: ini.beslut_motivering,
    kriterier: Object.fromEntries(KRITERIER.map((k) => [k, judged[k].bedomning])) as Bedomd['kriterier'],
    utlandskaOrter: utlandska,
    geografiKand: Boolean(fs?.geografiskt_omrade),
  };
  const u = sortera(b);
  const first = u.invandningar[0];
  if (first) {
    throw new InputError(
      ini.at(first.falt),
      `${first.falt}: ${first.text}`,
      `${shown(ini[first.falt] as string)} for ${shown(entity.entity_id)}`,
    );
  }
  if (fs) {
    const wanted: Utfall =
      fs.lista === 1
        ? 'list1'
        : fs.natverkstyp === 'transnationellt'
          ? 'list2-transnational'
          : 'list2-strategic';
    if (u.utfall !== wanted) {
      throw new InputError(
        ini.at('beslut'),
        `beslut: an outcome matching the fact sheet ${shown(fs.id)} (lista ${fs.lista}${fs.natverkstyp ? `, ${fs.natverkstyp}` : ''}) → ${wanted}`,
        `${shown(ini.beslut)}, which gives ${u.utfall}`,
      );
    }
  } else if (u.utfall !== 'rejected') {
    // A published initiative needs its page: a list decision without a fact sheet cannot be printed.
    throw new InputError(
      ini.at('beslut'),
      `beslut: bort, or a fact sheet for ${shown(entity.entity_id)} in factsheets/factsheets.csv (an initiative in a list gets a page of its own)`,
      `${shown(ini.beslut)} for a candidate with no fact sheet`,
    );
  }
  return u;
}

/** Writes a CSV atomically (temporary file, then rename). */
async function writeCsvAtomic(duck: Duck, query: string, path: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  await duck.run(`COPY (${query}) TO ${lit(tmp)} (FORMAT csv, HEADER true)`);
  renameSync(tmp, path);
}

async function writeReviewSheet(
  duck: Duck,
  ctx: StageContext,
  rows: Granskningsrad[],
  path: string,
): Promise<void> {
  const cols = Object.fromEntries(GRANSKNING_KOLUMNER.map((c) => [c, c === 'rader' ? I : V])) as Record<
    string,
    ColumnType
  >;
  await loadRows(
    duck,
    'att_bedoma',
    cols,
    rows as unknown as Record<string, unknown>[],
    join(ctx.out, '.review.ndjson'),
  );
  await writeCsvAtomic(duck, 'SELECT * FROM att_bedoma ORDER BY entity_id', path);
}

/** Stage 4: the six criteria and the meeting decisions sort every entity into list 1, list 2 or out. */
export default defineStage({
  name: 'criteria',
  async run(ctx) {
    const raw = readCriteriaRaw(ctx.edition.rawDir);
    for (const w of raw.warnings) ctx.warn(w);
    const initiativFile = displayPath(join(ctx.edition.rawDir, RAW_FILES.initiativ));
    const duck = await Duck.open();
    try {
      const ingestDir = ctx.upstream('ingest');
      await loadUpstream(duck, ingestDir, ctx.upstream('dedupe'));
      const entities = await readEntities(duck);
      const factsheets = await readFactsheets(duck);
      const geo = await readGeoReference(duck, ingestDir);
      const byId = new Map(entities.map((e) => [e.entity_id, e]));
      for (const ini of raw.initiativ) {
        if (!byId.has(ini.entity_id)) {
          throw new InputError(
            ini.at('entity_id'),
            "an entity id of the dedupe stage's entities (build/<year>/dedupe/entities.parquet)",
            shown(ini.entity_id),
          );
        }
      }
      const assessed = new Map(raw.initiativ.map((i) => [i.entity_id, i]));

      const sorted: Sorterad[] = entities.map((entity) => {
        const fs = entity.factsheet_id ? factsheets.get(entity.factsheet_id) : undefined;
        const ini = assessed.get(entity.entity_id);
        const utlandska = fs?.geografiskt_omrade ? utlandskaOrter(fs.geografiskt_omrade, geo) : [];
        return {
          entity,
          namn: fs?.tabellnamn || entity.namn,
          fs,
          ini,
          utlandska,
          utslag: sortEntity(entity, fs, ini, raw, utlandska),
        };
      });

      // Unassessed entities: never kept or dropped silently.
      const unassessed = sorted.filter((s) => !s.ini);
      if (unassessed.length > 0) {
        const kand = await duck.rows<Kandidatuppgifter>(sqlFile('kandidater.sql'));
        const byEntity = new Map(kand.map((k) => [k.entity_id, k]));
        const dups = await likelyDuplicates(
          duck,
          unassessed.map((s) => s.entity.entity_id),
          ctx.upstream('dedupe'),
        );
        const rows = unassessed.map((s) => ({
          ...granskningsrad(s.entity, s.fs, byEntity.get(s.entity.entity_id), s.utlandska),
          ...duplicateColumns(dups.get(s.entity.entity_id)),
        }));
        const list = unassessed.map((s) => `${s.entity.entity_id} (${s.namn})`);
        const beslutFile = displayPath(join(ctx.edition.rawDir, 'dedupe', 'beslut.csv'));
        const dupText = unassessed
          .filter((s) => dups.has(s.entity.entity_id))
          .map((s) => {
            const d = dups.get(s.entity.entity_id) ?? [];
            return (
              `${s.entity.entity_id} may be a duplicate of ${d.map((x) => `${x.dubblett} (${x.belagg})`).join(' or ')}: ` +
              `if it is, add to ${beslutFile} the line\n    ${d[0].rad}\n  and run again`
            );
          });
        const dupMessage = dupText.length ? ` Possible duplicates:\n  ${dupText.join('\n  ')}\n` : '';
        if (raw.installningar.ejBedomda !== 'fortsätt') {
          const sheet = join(ctx.edition.buildDir, ctx.stage, REVIEW_FILE);
          await writeReviewSheet(duck, ctx, rows, sheet);
          throw new CheckError(
            `${unassessed.length} entit${unassessed.length === 1 ? 'y has' : 'ies have'} no assessment: ${list.join(', ')}. ` +
              `They are listed with their fact-sheet fields and hints in ${displayPath(sheet)}. Assess them in ` +
              `${initiativFile} and bedomningar.csv, or run on with them marked "ej bedömd" by writing ` +
              `{"ej_bedomda": "fortsätt"} to ${displayPath(join(ctx.edition.rawDir, RAW_FILES.installningar))}.` +
              dupMessage,
          );
        }
        await writeReviewSheet(duck, ctx, rows, join(ctx.out, REVIEW_FILE));
        for (const s of unassessed) {
          ctx.warn({
            location: initiativFile,
            message: `ej bedömd: ${s.entity.entity_id} (${s.namn}) has no assessment and is rejected as "ej bedömd" (see ${REVIEW_FILE})${
              dups.has(s.entity.entity_id)
                ? `; possible duplicate of ${(dups.get(s.entity.entity_id) ?? []).map((d) => d.dubblett).join(', ')}: add to ${beslutFile} the line ${dups.get(s.entity.entity_id)?.[0].rad}`
                : ''
            }`,
          });
        }
      }

      await writeOutputs(duck, ctx, raw, sorted);

      await duck.run(sqlFile('ledger.sql'));
      await duck.run(
        `COPY (SELECT * EXCLUDE (ledger_row) FROM ledger_out ORDER BY ledger_row) TO ${lit(join(ctx.out, 'ledger.csv'))} (FORMAT csv, HEADER true)`,
      );
      const figures = (
        await duck.rows<Figures>(sqlFile('reconcile.sql', { outcomes: `(${OUTCOMES.map(lit).join(', ')})` }))
      )[0];
      const numeric = Object.fromEntries(
        Object.entries(figures).map(([k, v]) => [k, Number(v)]),
      ) as unknown as Figures;
      assertReconciled(numeric);
      ctx.count('ledger', numeric.ledger_rows);
      ctx.publish('ledger.csv');
      ctx.log(
        `list 1: ${numeric.list1} (${sorted.filter((s) => s.utslag.undantag).length} exceptions), ` +
          `list 2: ${numeric.list2_strategic} strategic + ${numeric.list2_transnational} transnational, ` +
          `rejected: ${numeric.rejected}${unassessed.length ? ` (${unassessed.length} ej bedömd)` : ''}`,
      );
    } finally {
      duck.close();
    }
  },
});

async function writeOutputs(
  duck: Duck,
  ctx: StageContext,
  raw: CriteriaRaw,
  sorted: Sorterad[],
): Promise<void> {
  const tmp = join(ctx.out, '.load.ndjson');
  const write = async (
    table: string,
    columns: Record<string, ColumnType>,
    rows: Record<string, unknown>[],
    orderBy: string,
  ) => {
    await loadRows(duck, table, columns, rows, tmp);
    ctx.count(table, await duck.export(`SELECT * FROM "${table}"`, join(ctx.out, table), orderBy));
  };
  const rubrik = new Map(raw.kriterier.map((k) => [Number(k.nr), k]));

  await write(
    'kriterier',
    { nr: I, rubrik: V, beskrivning: V, diagramtext: V, antal_indikatorer: I, proveniens: V },
    raw.kriterier.map((k) => ({
      ...k,
      nr: Number(k.nr),
      antal_indikatorer: raw.indikatorer.filter((i) => i.kriterium === k.nr).length,
    })),
    'nr',
  );
  await write(
    'indikatorer',
    { kriterium: I, nr: I, text: V, proveniens: V },
    raw.indikatorer.map((i) => ({ ...i, kriterium: Number(i.kriterium), nr: Number(i.nr) })),
    'kriterium, nr',
  );

  const geografi = (s: Sorterad) => s.fs?.tabell_geografi || s.fs?.geografiskt_omrade || '';
  await write(
    'lista1',
    { ordning: I, entity_id: V, namn: V, geografiskt_omrade: V, sida: I, undantag: 'BOOLEAN', skal: V },
    sorted
      .filter((s) => s.utslag.utfall === 'list1')
      .map((s) => ({
        ordning: s.fs?.ordning ?? null,
        entity_id: s.entity.entity_id,
        namn: s.namn,
        geografiskt_omrade: geografi(s),
        sida: s.fs?.sida_2009 ?? null,
        undantag: s.utslag.undantag !== null,
        skal: s.utslag.skal.text,
      })),
    'ordning NULLS LAST, namn, entity_id',
  );
  await write(
    'lista2',
    {
      ordning: I,
      entity_id: V,
      namn: V,
      typ: V,
      geografiskt_omrade: V,
      utlandska_orter: V,
      sida: I,
      motivering: V,
    },
    sorted
      .filter((s) => s.utslag.utfall.startsWith('list2'))
      .map((s) => ({
        ordning: s.fs?.ordning ?? null,
        entity_id: s.entity.entity_id,
        namn: s.namn,
        typ: s.utslag.utfall === 'list2-transnational' ? 'transnationellt' : 'strategiskt',
        geografiskt_omrade: geografi(s),
        utlandska_orter: s.utlandska.join('; '),
        sida: s.fs?.sida_2009 ?? null,
        motivering: s.ini?.beslut_motivering ?? '',
      })),
    "CASE typ WHEN 'strategiskt' THEN 0 ELSE 1 END, ordning NULLS LAST, namn, entity_id",
  );
  await write(
    'bortsorterade',
    {
      entity_id: V,
      namn: V,
      organisationstyp: V,
      skal_kod: V,
      skal: V,
      steg: I,
      motivering: V,
      proveniens: V,
    },
    sorted
      .filter((s) => s.utslag.utfall === 'rejected')
      .map((s) => ({
        entity_id: s.entity.entity_id,
        namn: s.namn,
        organisationstyp: s.ini?.organisationstyp ?? '',
        skal_kod: s.utslag.skal.kod,
        skal: s.utslag.skal.text,
        steg: s.ini?.steg ?? null,
        motivering: s.ini?.beslut_motivering ?? '',
        proveniens: s.ini?.proveniens ?? '',
      })),
    'steg NULLS LAST, namn, entity_id',
  );
  await write(
    'undantag',
    { ordning: I, entity_id: V, namn: V, kriterier: V, ej_uppfyllt: V, motivering: V, proveniens: V },
    sorted
      .filter((s) => s.utslag.undantag)
      .map((s) => ({
        ordning: s.fs?.ordning ?? null,
        entity_id: s.entity.entity_id,
        namn: s.namn,
        kriterier: (s.utslag.undantag ?? [])
          .filter((f) => f.kriterium !== undefined)
          .map((f) => f.kriterium)
          .join(';'),
        ej_uppfyllt: (s.utslag.undantag ?? []).map((f) => f.text).join('; '),
        motivering: s.ini?.beslut_motivering ?? '',
        proveniens: s.ini?.proveniens ?? '',
      })),
    'ordning NULLS LAST, namn, entity_id',
  );

  const judgments: Record<string, unknown>[] = [];
  const scores: Record<string, unknown>[] = [];
  for (const s of sorted) {
    const b = raw.bedomningar.get(s.entity.entity_id);
    for (const k of KRITERIER) {
      const j = b?.[k];
      const share = j ? andel(j.uppfyllda, j.bedomda) : null;
      scores.push({
        entity_id: s.entity.entity_id,
        namn: s.namn,
        utfall: s.utslag.utfall,
        kriterium: k,
        diagramtext: rubrik.get(k)?.diagramtext ?? '',
        andel: share,
        uppfyllda: j ? j.uppfyllda.length : null,
        bedomda: j ? j.bedomda.length : null,
      });
      if (!j) continue;
      judgments.push({
        entity_id: s.entity.entity_id,
        namn: s.namn,
        kriterium: k,
        rubrik: rubrik.get(k)?.rubrik ?? '',
        bedomning: j.bedomning,
        indikatorer_uppfyllda: j.uppfyllda.join(';'),
        indikatorer_bedomda: j.bedomda.join(';'),
        andel: share,
        grund: j.grund,
        belagg: j.belagg,
        proveniens: j.proveniens,
      });
    }
  }
  await write(
    'bedomningar',
    {
      entity_id: V,
      namn: V,
      kriterium: I,
      rubrik: V,
      bedomning: V,
      indikatorer_uppfyllda: V,
      indikatorer_bedomda: V,
      andel: 'DOUBLE',
      grund: V,
      belagg: V,
      proveniens: V,
    },
    judgments,
    'entity_id, kriterium',
  );
  await write(
    'poang',
    {
      entity_id: V,
      namn: V,
      utfall: V,
      kriterium: I,
      diagramtext: V,
      andel: 'DOUBLE',
      uppfyllda: I,
      bedomda: I,
    },
    scores,
    'entity_id, kriterium',
  );
  await write(
    'beslut',
    {
      entity_id: V,
      namn: V,
      factsheet_id: V,
      utfall: V,
      skal_kod: V,
      skal: V,
      skal_kriterium: I,
      beslut: V,
      undantag: 'BOOLEAN',
      organisationstyp: V,
      aktiv: V,
      inaktiv_sedan: I,
      egen_webbplats: V,
      steg: I,
      utlandska_orter: V,
      motivering: V,
      proveniens_beslut: V,
      proveniens: V,
    },
    sorted.map((s) => ({
      entity_id: s.entity.entity_id,
      namn: s.namn,
      factsheet_id: s.entity.factsheet_id,
      utfall: s.utslag.utfall,
      skal_kod: s.utslag.skal.kod,
      skal: s.utslag.skal.text,
      skal_kriterium: s.utslag.skal.kriterium ?? null,
      beslut: s.ini?.beslut ?? 'ej bedömd',
      undantag: s.utslag.undantag !== null,
      organisationstyp: s.ini?.organisationstyp ?? null,
      aktiv: s.ini?.aktiv ?? null,
      inaktiv_sedan: s.ini?.inaktiv_sedan ?? null,
      egen_webbplats: s.ini?.egen_webbplats ?? null,
      steg: s.ini?.steg ?? null,
      utlandska_orter: s.utlandska.join('; '),
      motivering: s.ini?.beslut_motivering ?? '',
      proveniens_beslut: s.ini?.proveniens_beslut ?? null,
      proveniens: s.ini?.proveniens ?? null,
    })),
    'entity_id',
  );
}
