import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CheckError,
  type ColumnType,
  currentStageDir,
  type Duck,
  defineStage,
  displayPath,
  fillSql,
  InputError,
  KEPT,
  lit,
  loadRows,
  runModels,
  type StageContext,
  shown,
  warningAt,
} from '@kk/core';
import { duplicateColumns, likelyDuplicates } from './duplicates.ts';
import { utlandskaOrter } from './geography.ts';
import { type CriteriaRaw, type Initiativ, RAW_FILES, readCriteriaRaw } from './raw.ts';
import {
  GRANSKNING_KOLUMNER,
  type Granskningsrad,
  granskningsrad,
  type Kandidatuppgifter,
} from './review.ts';
import { applyRule, type Bedomd, KRITERIER, type Utfall, type Verdict } from './rule.ts';
import {
  type Entity,
  type Factsheet,
  loadUpstream,
  readEntities,
  readFactsheets,
  readGeoReference,
  readReviewFactsheets,
} from './upstream.ts';

const SQL = join(dirname(fileURLToPath(import.meta.url)), '..', 'sql');
const sqlFile = (name: string, params: Record<string, string> = {}) =>
  fillSql(readFileSync(join(SQL, name), 'utf8'), params);

export const REVIEW_FILE = 'att-bedöma.csv';

/** One entity with everything the outputs need. */
interface SortedEntity {
  entity: Entity;
  namn: string;
  fs: Factsheet | undefined;
  ini: Initiativ | undefined;
  utlandska: string[];
  verdict: Verdict;
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
): Verdict {
  if (!ini) return applyRule(null, raw.skaltexter);
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
  const u = applyRule(b, raw.skaltexter);
  const first = u.contradictions[0];
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
async function writeCsvAtomic(duck: Duck, file: string, path: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  await duck.runFile(join(SQL, file), { file: lit(tmp) });
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
  await writeCsvAtomic(duck, 'review-sheet.sql', path);
}

/** Stage 4: the six criteria and the meeting decisions sort every entity into list 1, list 2 or out. */
export default defineStage({
  name: 'criteria',
  async run(ctx) {
    const raw = readCriteriaRaw(ctx.edition.rawDir);
    for (const w of raw.warnings) ctx.warn(w);
    const initiativFile = displayPath(join(ctx.edition.rawDir, RAW_FILES.initiativ));
    const duck = await ctx.duck();
    await loadUpstream(duck, ctx.edition);
    const entities = await readEntities(duck);
    const factsheets = await readFactsheets(duck);
    const geo = await readGeoReference(duck, ctx.edition);
    const byId = new Map(entities.map((e) => [e.entity_id, e]));
    // An assessed initiative that no list names any more is not sorted (it has no records), nor a stop: it is
    // an open item of the edition (@kk/core open-items: remove its assessment, or keep it with a reason).
    for (const ini of raw.initiativ) {
      if (!byId.has(ini.entity_id)) {
        ctx.warn(
          warningAt(
            ini.at('entity_id'),
            `${shown(ini.entity_id)} is assessed but no list names it any more (not among the dedupe stage's entities): borttagen ur källorna? Remove its rows here and in ${RAW_FILES.bedomningar}, or keep them with status ${KEPT}`,
          ),
        );
      }
    }
    const assessed = new Map(raw.initiativ.map((i) => [i.entity_id, i]));

    const sorted: SortedEntity[] = entities.map((entity) => {
      const fs = entity.factsheet_id ? factsheets.get(entity.factsheet_id) : undefined;
      const ini = assessed.get(entity.entity_id);
      const utlandska = fs?.geografiskt_omrade ? utlandskaOrter(fs.geografiskt_omrade, geo) : [];
      return {
        entity,
        namn: fs?.tabellnamn || entity.namn,
        fs,
        ini,
        utlandska,
        verdict: sortEntity(entity, fs, ini, raw, utlandska),
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
        currentStageDir(ctx.edition, 'dedupe'),
      );
      const facts = await readReviewFactsheets(duck, ctx.edition);
      const rows = unassessed.map((s) => ({
        ...granskningsrad(
          s.entity,
          s.entity.factsheet_id ? facts.get(s.entity.factsheet_id) : undefined,
          byEntity.get(s.entity.entity_id),
          s.utlandska,
        ),
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

    await stageResults(duck, ctx, raw, sorted);
    // The schema's tests reconcile the ledger with the candidates, the entities and the written lists.
    await runModels(duck, ctx);
    ctx.publish('ledger.csv');
    const count = (utfall: Utfall) => sorted.filter((s) => s.verdict.utfall === utfall).length;
    ctx.log(
      `list 1: ${count('list1')} (${sorted.filter((s) => s.verdict.undantag).length} exceptions), ` +
        `list 2: ${count('list2-strategic')} strategic + ${count('list2-transnational')} transnational, ` +
        `rejected: ${count('rejected')}${unassessed.length ? ` (${unassessed.length} ej bedömd)` : ''}`,
    );
  },
});

/**
 * Hands the rule's results to the models as staging tables: one row per entity (stg_utslag) and one per judgment
 * (stg_bedomningar), beside the raw criteria and indicators. The models (models/*.sql) shape the outputs.
 */
async function stageResults(
  duck: Duck,
  ctx: StageContext,
  raw: CriteriaRaw,
  sorted: SortedEntity[],
): Promise<void> {
  const tmp = join(ctx.out, '.load.ndjson');
  const stage = (table: string, columns: Record<string, ColumnType>, rows: Record<string, unknown>[]) =>
    loadRows(duck, table, columns, rows, tmp);
  await stage(
    'stg_kriterier',
    {
      nr: I,
      rubrik: V,
      beskrivning: V,
      diagramtext: V,
      proveniens: V,
      kortnamn: V,
      kortnamn_proveniens: V,
      skalnamn: V,
    },
    raw.kriterier.map((k) => ({ ...k, nr: Number(k.nr) })),
  );
  await stage(
    'stg_indikatorer',
    { kriterium: I, nr: I, text: V, proveniens: V },
    raw.indikatorer.map((i) => ({ ...i, kriterium: Number(i.kriterium), nr: Number(i.nr) })),
  );
  await stage(
    'stg_utslag',
    {
      entity_id: V,
      namn: V,
      factsheet_id: V,
      ordning: I,
      sida: I,
      geografiskt_omrade: V,
      utfall: V,
      skal_kod: V,
      skal: V,
      skal_kriterium: I,
      undantag: 'BOOLEAN',
      undantag_kriterier: V,
      undantag_text: V,
      beslut: V,
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
      ordning: s.fs?.ordning ?? null,
      sida: s.fs?.sida_2009 ?? null,
      geografiskt_omrade: s.fs?.tabell_geografi || s.fs?.geografiskt_omrade || '',
      utfall: s.verdict.utfall,
      skal_kod: s.verdict.skal.kod,
      skal: s.verdict.skal.text,
      skal_kriterium: s.verdict.skal.kriterium ?? null,
      undantag: s.verdict.undantag !== null,
      undantag_kriterier: (s.verdict.undantag ?? [])
        .filter((f) => f.kriterium !== undefined)
        .map((f) => f.kriterium)
        .join(';'),
      undantag_text: (s.verdict.undantag ?? []).map((f) => f.text).join('; '),
      beslut: s.ini?.beslut ?? null,
      organisationstyp: s.ini?.organisationstyp ?? null,
      aktiv: s.ini?.aktiv ?? null,
      inaktiv_sedan: s.ini?.inaktiv_sedan ?? null,
      egen_webbplats: s.ini?.egen_webbplats ?? null,
      steg: s.ini?.steg ?? null,
      utlandska_orter: s.utlandska.join('; '),
      motivering: s.ini?.beslut_motivering ?? null,
      proveniens_beslut: s.ini?.proveniens_beslut ?? null,
      proveniens: s.ini?.proveniens ?? null,
    })),
  );
  await stage(
    'stg_bedomningar',
    {
      entity_id: V,
      kriterium: I,
      bedomning: V,
      indikatorer_uppfyllda: V,
      indikatorer_bedomda: V,
      antal_uppfyllda: I,
      antal_bedomda: I,
      grund: V,
      belagg: V,
      proveniens: V,
    },
    sorted.flatMap((s) => {
      const b = raw.bedomningar.get(s.entity.entity_id);
      return KRITERIER.flatMap((k) => {
        const j = b?.[k];
        if (!j) return [];
        return [
          {
            entity_id: s.entity.entity_id,
            kriterium: k,
            bedomning: j.bedomning,
            indikatorer_uppfyllda: j.uppfyllda.join(';'),
            indikatorer_bedomda: j.bedomda.join(';'),
            antal_uppfyllda: j.uppfyllda.length,
            antal_bedomda: j.bedomda.length,
            grund: j.grund,
            belagg: j.belagg,
            proveniens: j.proveniens,
          },
        ];
      });
    }),
  );
}
