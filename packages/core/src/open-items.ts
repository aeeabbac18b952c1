import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { type CsvTable, readCsv } from './csv.ts';
import { displayPath, type Edition } from './paths.ts';
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
export const OPEN_KINDS = [
  'lista',
  'statistik',
  'granskning',
  'bedomning',
  'borttagen',
  'enkat',
  'overford',
] as const;
export type OpenKind = (typeof OPEN_KINDS)[number];

export const OPEN_KIND_TITLES: Record<OpenKind, { sv: string; en: string }> = {
  lista: { sv: 'Källistor som inte har levererats', en: 'lists not yet delivered' },
  statistik: { sv: 'Statistik som saknas', en: 'statistics missing' },
  granskning: { sv: 'Granskningspar utan beslut', en: 'review pairs undecided' },
  bedomning: { sv: 'Entiteter utan bedömning', en: 'entities unassessed' },
  borttagen: { sv: 'Bedömda initiativ som ingen lista nämner', en: 'assessed initiatives no list names' },
  enkat: { sv: 'Enkäter som inte har besvarats', en: 'questionnaires not answered' },
  overford: { sv: 'Överförda uppgifter att bekräfta', en: 'carried-over facts unconfirmed' },
};

export interface OpenItem {
  kind: OpenKind;
  /** What is open, in a few words (a list, an initiative, a pair). */
  what: string;
  /** What to do about it. */
  todo: string;
  /** The file to edit as it opens from where the command ran: relative to the repository (raw/2010/…), or under
   *  the raw root as --raw gave it. */
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
/** The status of an assessment kept although no list names its initiative any more (its reason in the row). */
export const KEPT = 'behållen';
/** The column of sources/manifest.csv and employment/statistik.csv saying whether the file has arrived. */
export const DELIVERED_COLUMN = 'levererad';

export const locationOf = (item: Pick<OpenItem, 'file' | 'line'>) =>
  item.line === undefined ? item.file : `${item.file}:${item.line}`;

function tableOf(path: string): CsvTable | undefined {
  return existsSync(path) ? readCsv(path, { encoding: 'utf-8' }) : undefined;
}

/**
 * Whether a CSV file's header (its first line that is not empty, as readCsv takes it) has `column` in it: read
 * from the file's first 64 kB only. A header longer than that counts as having it (the file is then parsed), and a
 * file that is not there has none.
 */
function headerHas(path: string, column: string): boolean {
  if (!existsSync(path)) return false;
  const start = Buffer.alloc(64 * 1024);
  const fd = openSync(path, 'r');
  let text: string;
  try {
    text = start.subarray(0, readSync(fd, start, 0, start.length, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
  const lines = text.split('\n');
  const header = lines.slice(0, -1).find((l) => l.trim() !== '');
  return header === undefined
    ? text.length === start.length || text.includes(column)
    : header.includes(column);
}

/** Whether a marking cell says the word (as typed: any case, spaces around). */
const says = (v: string | undefined, word: string) => (v ?? '').trim().toLowerCase() === word;
const notDelivered = (v: string | undefined) => says(v, 'nej');
const carriedOver = (v: string | undefined) => says(v, CARRIED_OVER);

/** The open items of an edition, in a fixed order (kind, then file and line). */
export function openItems(edition: Edition): OpenItem[] {
  const rawFile = (rel: string) => join(edition.rawDir, rel);
  // The commands run in the repository and resolve --raw from there: a place shown so opens from where they ran.
  const show = (rel: string) => displayPath(rawFile(rel)).split('\\').join('/');
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
        ? `ersätt filen med årets lista (den innehåller förra utgåvans rader) och skriv ja i levererad (npm run edition -- confirm ${show('sources/manifest.csv')} --rows ${fil}), eller ta bort raden om listan utgår`
        : `lägg årets lista i sources/${fil} och skriv ja i levererad (npm run edition -- confirm ${show('sources/manifest.csv')} --rows ${fil}), eller ta bort raden om listan utgår`,
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
      what: `${row.record.fil || 'SCB:s fil som den laddades ner'} (${row.record.tabell ?? ''}, ${row.record.kontroll_ar || edition.year - 1})`,
      todo: `hämta filen från SCB:s Statistikdatabasen och lägg den i employment/ med SCB:s namn (till exempel ${row.record.tabell || 'AM0207K'}_<datum>.csv), skriv namnet i fil och ja i levererad; kontroll_riket (SCB:s totala antal, med regionen 00 Riket) får vara tomt; tills dess visar utkastet det senaste årets siffror, med sitt år`,
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
  // Every pair review.csv asks about is undecided (a decided pair leaves it). In an edition started with
  // `npm run edition` (edition.json has a status) all of them are open, those carried over from the previous
  // edition too; in one made before (2009), only the pairs of an unassessed entity.
  const review = tableOf(join(currentStageDir(edition, 'dedupe'), 'review.csv'));
  const everyPair = tracksStatus(rawFile('edition.json'));
  for (const row of review?.rows ?? []) {
    const r = row.record;
    if (!everyPair && !unassessed.has(r.entity_a) && !unassessed.has(r.entity_b)) continue;
    items.push({
      kind: 'granskning',
      what: `${r.titel_a || r.namn_a} / ${r.titel_b || r.namn_b} (sannolikhet ${r.sannolikhet})`,
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

  // Assessments of an initiative that no list names any more (not among dedupe's entities): the criteria stage
  // leaves them out; the analyst removes them or keeps them with a reason (status behållen).
  const entities = tableOf(join(currentStageDir(edition, 'dedupe'), 'entities.csv'));
  const gone = new Set<string>();
  if (entities) {
    const known = new Set(entities.rows.map((r) => r.record.entity_id));
    let assessments: CsvTable | undefined;
    for (const row of tableOf(rawFile('criteria/initiativ.csv'))?.rows ?? []) {
      const id = row.record.entity_id;
      if (known.has(id) || says(row.record[STATUS_COLUMN], KEPT)) continue;
      gone.add(id);
      assessments ??= tableOf(rawFile('criteria/bedomningar.csv'));
      const lines = (assessments?.rows ?? []).filter((r) => r.record.entity_id === id).map((r) => r.line);
      items.push({
        kind: 'borttagen',
        what: `${row.record.namn || id} (${id})`,
        todo: `borttagen ur källorna? ta bort dess bedömning (raden här och dess rader i bedomningar.csv) eller behåll den med motivering i beslut_motivering och status ${KEPT}`,
        file: show('criteria/initiativ.csv'),
        line: row.line,
        also: compactPlaces(lines.map((line) => ({ file: show('criteria/bedomningar.csv'), line }))),
      });
    }
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
    // A file whose header has no status column (2009's, made before editions were carried over) has no row to
    // confirm: its header decides, without parsing the rest.
    if (!headerHas(rawFile(rel), STATUS_COLUMN)) return;
    const table = tableOf(rawFile(rel));
    for (const row of table?.rows ?? []) {
      const id = row.record[idColumn];
      if (!carriedOver(row.record[STATUS_COLUMN]) || gone.has(id)) continue;
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
      todo: `kontrollera uppgifterna mot årets källor, ändra det som ändrats och sätt status till ${CONFIRMED} på raderna (npm run edition -- confirm ${[...new Set(places.map((p) => p.file))].join(' ')} --rows ${id} gör det med dagens datum)`,
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

/** Whether an edition.json carries the status `npm run edition` gives a new edition (överförd, then bekräftad). */
function tracksStatus(path: string): boolean {
  return existsSync(path) && /^\s*"status"\s*:/m.test(readFileSync(path, 'utf8'));
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
