import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { type CsvTable, readCsv } from './csv.ts';
import type { Edition } from './paths.ts';
import { currentStageDir, stageDirOf } from './stage.ts';

/**
 * What an edition still needs before it can be published: the open items. One module computes them, so that
 * `npm run status` and the draft report's appendix "Att göra" list exactly the same items.
 *
 * The raw files say what was carried over and what is still awaited (`status` = `överförd` on rows taken from
 * the previous edition, `levererad` = `nej` on lists and statistics not yet delivered); the stages' outputs say
 * which entities nobody has assessed (criteria, run with `fortsätt`) and which review pairs touch them (dedupe).
 */

/** The kinds, in the order they are listed. */
export const OPEN_KINDS = ['lista', 'statistik', 'granskning', 'bedomning', 'enkat', 'overford'] as const;
export type OpenKind = (typeof OPEN_KINDS)[number];

export const OPEN_KIND_TITLES: Record<OpenKind, { sv: string; en: string }> = {
  lista: { sv: 'Källistor som inte har levererats', en: 'lists not yet delivered' },
  statistik: { sv: 'Statistik som saknas', en: 'statistics missing' },
  granskning: { sv: 'Granskningspar utan beslut', en: 'review pairs undecided' },
  bedomning: { sv: 'Entiteter utan bedömning', en: 'entities unassessed' },
  enkat: { sv: 'Enkäter som inte har besvarats', en: 'questionnaires not answered' },
  overford: { sv: 'Överförda uppgifter att bekräfta', en: 'carried-over facts unconfirmed' },
};

export interface OpenItem {
  kind: OpenKind;
  /** What is open, in a few words (a list, an initiative, a pair). */
  what: string;
  /** What to do about it. */
  todo: string;
  /** The file to edit, relative to the folder holding the raw root (raw/2010/…), never a machine path. */
  file: string;
  /** The line to edit (1-based); absent when the fix is a new line at the end of the file. */
  line?: number;
  /** Further places, as `file:line`. */
  also: string[];
}

/** The column that marks a row carried over from the previous edition, and its values. */
export const STATUS_COLUMN = 'status';
export const CARRIED_OVER = 'överförd';
export const CONFIRMED = 'bekräftad';
/** The column of sources/manifest.csv and employment/statistik.csv saying whether the file has arrived. */
export const DELIVERED_COLUMN = 'levererad';

export const locationOf = (item: Pick<OpenItem, 'file' | 'line'>) =>
  item.line === undefined ? item.file : `${item.file}:${item.line}`;

function tableOf(path: string): CsvTable | undefined {
  return existsSync(path) ? readCsv(path, { encoding: 'utf-8' }) : undefined;
}

const notDelivered = (v: string | undefined) => (v ?? '').trim().toLowerCase() === 'nej';
const carriedOver = (v: string | undefined) => (v ?? '').trim().toLowerCase() === CARRIED_OVER;

/** The open items of an edition, in a fixed order (kind, then file and line). */
export function openItems(edition: Edition): OpenItem[] {
  const shownRoot = dirname(edition.rawRoot);
  const rawFile = (rel: string) => join(edition.rawDir, rel);
  const show = (rel: string) => relative(shownRoot, rawFile(rel)).split('\\').join('/');
  const items: OpenItem[] = [];
  const prev = edition.year - 1;

  const manifest = tableOf(rawFile('sources/manifest.csv'));
  for (const row of manifest?.rows ?? []) {
    if (!notDelivered(row.record[DELIVERED_COLUMN])) continue;
    const fil = row.record.fil ?? '';
    const there = existsSync(rawFile(join('sources', fil)));
    items.push({
      kind: 'lista',
      what: `${fil} (${row.record.ursprung ?? ''})`,
      todo: there
        ? `ersätt filen med årets lista (den innehåller förra utgåvans rader) och skriv ja i levererad, eller ta bort raden om listan utgår`
        : `lägg årets lista i sources/${fil} och skriv ja i levererad, eller ta bort raden om listan utgår`,
      file: show('sources/manifest.csv'),
      line: row.line,
      also: [],
    });
  }

  const stats = tableOf(rawFile('employment/statistik.csv'));
  for (const row of stats?.rows ?? []) {
    if (!notDelivered(row.record[DELIVERED_COLUMN])) continue;
    items.push({
      kind: 'statistik',
      what: `${row.record.fil ?? ''} (${row.record.tabell ?? ''}, ${row.record.kontroll_ar || edition.year - 1})`,
      todo: `hämta filen från SCB:s Statistikdatabasen, lägg den i employment/, fyll i kontroll_riket och skriv ja i levererad; tills dess visar utkastet det senaste årets siffror, med sitt år`,
      file: show('employment/statistik.csv'),
      line: row.line,
      also: [],
    });
  }

  // Entities nobody has assessed (the criteria stage ran on with them as "ej bedömd"), and their review pairs:
  // from this run's staged outputs inside a run, else the published ones (npm run status).
  const beslut = tableOf(join(currentStageDir(edition, 'criteria'), 'beslut.csv'));
  const unassessed = new Map<string, string>();
  for (const row of beslut?.rows ?? []) {
    if (row.record.beslut === 'ej bedömd') unassessed.set(row.record.entity_id, row.record.namn);
  }
  const review = tableOf(join(currentStageDir(edition, 'dedupe'), 'review.csv'));
  for (const row of review?.rows ?? []) {
    const r = row.record;
    if (!unassessed.has(r.entity_a) && !unassessed.has(r.entity_b)) continue;
    items.push({
      kind: 'granskning',
      what: `${r.namn_a} / ${r.namn_b} (sannolikhet ${r.sannolikhet})`,
      todo: `avgör om de är samma initiativ: lägg till ${decisionLine(r, 'samma')} eller med olika i stället för samma`,
      file: show('dedupe/beslut.csv'),
      also: [],
    });
  }
  const hints = tableOf(join(currentStageDir(edition, 'criteria'), 'att-bedöma.csv'));
  const hintOf = new Map(
    (hints?.rows ?? []).map((r) => [r.record.entity_id, r.record.mojlig_dubblett ?? '']),
  );
  for (const [id, namn] of [...unassessed].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const dup = hintOf.get(id);
    items.push({
      kind: 'bedomning',
      what: `${namn} (${id})`,
      todo: dup
        ? `möjlig dubblett: ${dup}; annars bedöm: en rad i initiativ.csv och sex i bedomningar.csv (underlag i att-bedöma.csv)`
        : 'bedöm: en rad i initiativ.csv och sex i bedomningar.csv (underlag i att-bedöma.csv)',
      file: show('criteria/initiativ.csv'),
      also: [],
    });
  }

  // The survey, once under way (ingest's enkat_status has a row per initiative asked): every initiative that has
  // not answered, unless enkat/beslut.csv accepts it (obesvarad). A questionnaire answered in every field confirms
  // the initiative's carried-over fact sheet. Read without recording a read of the whole ingest folder: the
  // report stage reads these columns through readRef (load.ts), which is what its early cutoff compares.
  const ingest = stageDirOf(edition, 'ingest');
  const status = tableOf(join(ingest, 'enkat_status.csv'))?.rows ?? [];
  const accepted = new Set(
    (tableOf(join(ingest, 'enkat_obesvarade.csv'))?.rows ?? []).map((r) => r.record.entity_id),
  );
  const confirmed = new Set(
    status.filter((r) => r.record.fullstandig === 'true').map((r) => r.record.entity_id),
  );
  for (const { record: r } of status) {
    if (r.besvarad === 'true' || accepted.has(r.entity_id)) continue;
    const contact = [r.kontakt, r.epost].filter(Boolean).join(', ');
    items.push({
      kind: 'enkat',
      what: `enkät ej besvarad: ${r.namn} (${r.entity_id})`,
      todo: `påminn ${contact || 'initiativet (ingen kontakt i faktabladet)'} om ${r.entity_id}.xlsx; lägg svaret i enkat/svar/, eller skriv ${r.entity_id},,obesvarad,<när påmind> i enkat/beslut.csv`,
      file: show('enkat/beslut.csv'),
      also: [],
    });
  }

  // Rows carried over from the previous edition and not yet confirmed: one item per initiative.
  const carried = new Map<string, { name: string; places: { file: string; line: number }[] }>();
  const collect = (rel: string, idColumn: string, nameColumn: string) => {
    const table = tableOf(rawFile(rel));
    for (const row of table?.rows ?? []) {
      if (!carriedOver(row.record[STATUS_COLUMN])) continue;
      const id = row.record[idColumn];
      if (rel === 'factsheets/factsheets.csv' && confirmed.has(id)) continue;
      const entry = carried.get(id) ?? { name: '', places: [] };
      if (!entry.name && row.record[nameColumn]) entry.name = row.record[nameColumn];
      entry.places.push({ file: show(rel), line: row.line });
      carried.set(id, entry);
    }
  };
  collect('factsheets/factsheets.csv', 'id', 'rubrik');
  collect('criteria/initiativ.csv', 'entity_id', 'namn');
  collect('criteria/bedomningar.csv', 'entity_id', 'entity_id');
  const editionJson = rawFile('edition.json');
  if (existsSync(editionJson)) {
    const text = readFileSync(editionJson, 'utf8');
    const m = /^(.*)"status"\s*:\s*"([^"]*)"/m.exec(text);
    if (m && carriedOver(m[2])) {
      const line = text.slice(0, m.index).split('\n').length;
      items.push({
        kind: 'overford',
        what: `titelsidan och texterna (edition.json, content/)`,
        todo: `skriv årets titel, serie och utgivningsdatum i edition.json och årets text i content/, sätt sedan status till ${CONFIRMED}`,
        file: show('edition.json'),
        line,
        also: [],
      });
    }
  }
  // In the order of the files: fact sheets first, then entities with an assessment only.
  for (const [id, { name, places }] of carried) {
    const [first, ...rest] = places;
    items.push({
      kind: 'overford',
      what: `${name && name !== id ? `${name} (${id})` : id}, från ${prev}`,
      todo: `kontrollera uppgifterna mot årets källor, ändra det som ändrats och sätt status till ${CONFIRMED} på raderna`,
      file: first.file,
      line: first.line,
      also: compactPlaces(rest),
    });
  }
  const order = new Map(OPEN_KINDS.map((k, i) => [k, i]));
  return items
    .map((item, i) => ({ item, i }))
    .sort((a, b) => (order.get(a.item.kind) ?? 0) - (order.get(b.item.kind) ?? 0) || a.i - b.i)
    .map((x) => x.item);
}

/** Places as `file:line`, consecutive lines of one file as a range (`file:12–17`). */
function compactPlaces(places: { file: string; line: number }[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < places.length) {
    let j = i;
    while (
      j + 1 < places.length &&
      places[j + 1].file === places[i].file &&
      places[j + 1].line === places[j].line + 1
    )
      j++;
    out.push(
      j > i ? `${places[i].file}:${places[i].line}–${places[j].line}` : `${places[i].file}:${places[i].line}`,
    );
    i = j + 1;
  }
  return out;
}

/** A CSV cell, quoted when it needs to be. */
export function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** The line to add to raw/<year>/dedupe/beslut.csv for a review pair (its first columns, a decision, a note). */
export function decisionLine(
  r: Record<string, string>,
  beslut: 'samma' | 'olika',
  note = 'granskat: ange källan',
): string {
  return [r.fil_a, r.namn_a, r.fil_b, r.namn_b, beslut, note].map((v) => csvCell(v ?? '')).join(',');
}

/** The open items grouped by kind, for the appendix and the status listing (only kinds with items). */
export function groupOpenItems(items: OpenItem[]): { kind: OpenKind; title: string; items: OpenItem[] }[] {
  return OPEN_KINDS.map((kind) => ({
    kind,
    title: OPEN_KIND_TITLES[kind].sv,
    items: items.filter((i) => i.kind === kind),
  })).filter((g) => g.items.length > 0);
}
