import { join } from 'node:path';
import { lit, sqlOfFile } from '@kk/core';
import { FACT_FIELDS } from '@kk/fields';
import { SQL_DIR } from './load.ts';
import { findRenames } from './renames.ts';
import { faltLabel, UTFALL_LABEL } from './swedish.ts';
import {
  CHANGE_TYPES,
  type Change,
  type ChangeType,
  type EditionDiff,
  type EditionInfo,
  type EditionOutputs,
  type EmploymentChange,
  type PlainTable,
  type ShapeDiff,
} from './types.ts';

export interface DiffOptions {
  /** Most rows of the side-by-side tables for people (employment, lists, fact sheets); changes are all kept. */
  limit?: number;
}

const num = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number(v));
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

async function info(e: EditionOutputs): Promise<EditionInfo> {
  const p = { p: e.prefix };
  const outcomes = await e.duck.rowsOfFile<{ utfall: string; n: number }>(join(SQL_DIR, 'outcomes.sql'), p);
  const years = await e.duck.rowsOfFile<{ ar: number; riket: number | null }>(
    join(SQL_DIR, 'statistics-years.sql'),
    p,
  );
  const last = years[years.length - 1];
  return {
    year: e.year,
    label: e.label,
    buildDir: e.buildDir,
    entities: outcomes.reduce((s, o) => s + Number(o.n), 0),
    outcomes: Object.fromEntries(outcomes.map((o) => [o.utfall, Number(o.n)])),
    statistikar: years.map((y) => Number(y.ar)),
    riketTotalt: last ? num(last.riket) : null,
  };
}

function shapeOf(a: EditionOutputs, b: EditionOutputs): Omit<ShapeDiff, 'listsAdded' | 'listsDropped'> {
  const tableColumnsAdded: ShapeDiff['tableColumnsAdded'] = [];
  const tableColumnsDropped: ShapeDiff['tableColumnsDropped'] = [];
  for (const [table, colsB] of Object.entries(b.shape.tables)) {
    const colsA = a.shape.tables[table];
    if (!colsA) continue;
    for (const column of colsB) if (!colsA.includes(column)) tableColumnsAdded.push({ table, column });
    for (const column of colsA) if (!colsB.includes(column)) tableColumnsDropped.push({ table, column });
  }
  return {
    listColumnsAdded: [],
    listColumnsDropped: [],
    tableColumnsAdded,
    tableColumnsDropped,
    tablesMissing: [
      ...a.shape.missingTables.map((table) => ({ table, edition: 'a' as const })),
      ...b.shape.missingTables.map((table) => ({ table, edition: 'b' as const })),
    ],
  };
}

function shapeChanges(shape: ShapeDiff): Change[] {
  const row = (namn: string, falt: string, fran: string, till: string): Change => ({
    typ: 'form',
    entity_a: '',
    entity_b: '',
    namn,
    falt,
    fran,
    till,
  });
  return [
    ...shape.listsAdded.map((l) => row(l.fil, 'kallista', '', l.ursprung)),
    ...shape.listsDropped.map((l) => row(l.fil, 'kallista', l.ursprung, '')),
    ...shape.listColumnsAdded.map((c) => row(c.fil, 'kolumn', '', c.kolumn)),
    ...shape.listColumnsDropped.map((c) => row(c.fil, 'kolumn', c.kolumn, '')),
    ...shape.tableColumnsAdded.map((c) => row(c.table, 'kolumn', '', c.column)),
    ...shape.tableColumnsDropped.map((c) => row(c.table, 'kolumn', c.column, '')),
    ...shape.tablesMissing.map((t) =>
      t.edition === 'a'
        ? row(t.table, 'tabell', 'saknas', 'finns')
        : row(t.table, 'tabell', 'finns', 'saknas'),
    ),
  ];
}

const FACT_COLUMNS = FACT_FIELDS.map(([column]) => column);

/**
 * Before/after tables of the entities that changed, keyed by B's id (a renamed entity's A row carries its B id,
 * so that a table diff shows one row that changed, not one removed and one added).
 */
async function plainTables(
  a: EditionOutputs,
  b: EditionOutputs,
  limit: number,
): Promise<EditionDiff['tables']> {
  const duck = a.duck;
  const listed = sqlOfFile(join(SQL_DIR, 'listed.sql'));
  const sheets = sqlOfFile(join(SQL_DIR, 'sheets.sql'));
  const keys = async (set: string) =>
    (
      await duck.rowsOfFile<{ k: string }>(join(SQL_DIR, 'keys.sql'), {
        set,
        a: a.prefix,
        b: b.prefix,
        limit: String(limit),
      })
    ).map((r) => r.k);
  const plain = async (file: string, params: Record<string, string>, keys: string[]): Promise<PlainTable> => {
    const rows = await duck.rowsOfFile<Record<string, unknown>>(join(SQL_DIR, file), params);
    return [keys.map(faltLabel), ...rows.map((r) => keys.map((h) => str(r[h])))];
  };
  const listKeys = await keys(listed);
  const sheetKeys = await keys(sheets);
  const inList = (ks: string[]) => (ks.length ? ks.map(lit).join(', ') : 'NULL');
  const listRows = (e: EditionOutputs, side: 'a' | 'b', ks: string[]) =>
    plain(
      'list-rows.sql',
      { p: e.prefix, side, listed, keys: inList(ks), placement: placement('x.utfall') },
      ['entitet', 'namn', 'placering'],
    );
  const factCols = ['entitet', 'rubrik', ...FACT_COLUMNS];
  const sheetRows = (e: EditionOutputs, side: 'a' | 'b', ks: string[]) =>
    plain(
      'sheet-rows.sql',
      {
        p: e.prefix,
        side,
        sheets,
        keys: inList(ks),
        fact_columns: FACT_COLUMNS.map((c) => `f.${c}`).join(', '),
      },
      factCols,
    );
  return {
    lists: { a: await listRows(a, 'a', listKeys), b: await listRows(b, 'b', listKeys) },
    factsheets: { a: await sheetRows(a, 'a', sheetKeys), b: await sheetRows(b, 'b', sheetKeys) },
  };
}
function placement(column: string): string {
  const cases = Object.entries(UTFALL_LABEL)
    .filter(([k]) => k !== '')
    .map(([k, v]) => `WHEN '${k}' THEN '${v}'`)
    .join(' ');
  return `(CASE coalesce(${column}, '') ${cases} ELSE '${UTFALL_LABEL['']}' END)`;
}

function employmentRow(r: Record<string, unknown>): EmploymentChange {
  return {
    entity_a: str(r.entity_a),
    entity_b: str(r.entity_b),
    namn: str(r.namn),
    utfall_b: str(r.utfall_b),
    ar_a: num(r.ar_a),
    ar_b: num(r.ar_b),
    bransch_a: str(r.bransch_a),
    bransch_b: str(r.bransch_b),
    lan_a: str(r.lan_a),
    lan_b: str(r.lan_b),
    sysselsatta_a: num(r.sysselsatta_a),
    sysselsatta_b: num(r.sysselsatta_b),
    lq_a: num(r.lq_a),
    lq_b: num(r.lq_b),
  };
}

/**
 * Compares two editions' outputs, entity by entity (stable ids, renames found by the dedupe matching), in DuckDB.
 * Both editions must have been loaded into the same Duck (readEditionOutputs).
 */
export async function diffEditions(
  a: EditionOutputs,
  b: EditionOutputs,
  options: DiffOptions = {},
): Promise<EditionDiff> {
  if (a.duck !== b.duck) throw new Error('diffEditions: both editions must be loaded into the same Duck');
  const started = performance.now();
  const timings: Record<string, number> = {};
  let last = started;
  const lap = (step: string) => {
    const now = performance.now();
    timings[step] = Math.round(now - last) / 1000;
    last = now;
  };
  const duck = a.duck;
  const limit = options.limit ?? 2000;
  const renames = await findRenames(a, b);
  lap('renames');
  await duck.runFile(join(SQL_DIR, 'compare.sql'), { a: a.prefix, b: b.prefix });
  lap('compare');

  // The changes come out of DuckDB column by column, with the kind as a number and entity_b only where it differs
  // from entity_a: converting every value to a JS string is the slow part at 100 000 entities.
  const order = CHANGE_TYPES.map((t, i) => `WHEN '${t}' THEN ${i}`).join(' ');
  const reader = await duck.conn.runAndReadAll(sqlOfFile(join(SQL_DIR, 'changes.sql'), { kinds: order }));
  const [t, ea, eb, namn, falt, fran, till] = reader.getColumns() as unknown[][];
  const changes: Change[] = new Array(t?.length ?? 0);
  for (let i = 0; i < changes.length; i++) {
    const entityA = str(ea[i]);
    changes[i] = {
      typ: CHANGE_TYPES[Number(t[i])],
      entity_a: entityA,
      entity_b: eb[i] === null ? entityA : str(eb[i]),
      namn: str(namn[i]),
      falt: str(falt[i]),
      fran: str(fran[i]),
      till: str(till[i]),
    };
  }

  // A rename says which evidence carried it: the matching's shared features, or the id itself.
  const grundOf = new Map(renames.map((r) => [`${r.entity_a}\t${r.entity_b}`, r.grund]));
  for (const c of changes)
    if (c.typ === 'namnbyte') c.grund = grundOf.get(`${c.entity_a}\t${c.entity_b}`) ?? 'samma id';
  lap('changes');
  const lists = await duck.rowsOfFile<{ sida: string; fil: string; ursprung: string; rader: number }>(
    join(SQL_DIR, 'lists.sql'),
  );
  const listColumns = await duck.rowsOfFile<{ sida: string; fil: string; kolumn: string }>(
    join(SQL_DIR, 'list-columns.sql'),
  );
  const shape: ShapeDiff = {
    ...shapeOf(a, b),
    listsAdded: lists
      .filter((l) => l.sida === 'b')
      .map(({ fil, ursprung, rader }) => ({ fil, ursprung, rader })),
    listsDropped: lists
      .filter((l) => l.sida === 'a')
      .map(({ fil, ursprung, rader }) => ({ fil, ursprung, rader })),
  };
  shape.listColumnsAdded = listColumns
    .filter((c) => c.sida === 'b')
    .map(({ fil, kolumn }) => ({ fil, kolumn }));
  shape.listColumnsDropped = listColumns
    .filter((c) => c.sida === 'a')
    .map(({ fil, kolumn }) => ({ fil, kolumn }));
  changes.push(...shapeChanges(shape));

  const counts = Object.fromEntries(CHANGE_TYPES.map((t) => [t, 0])) as Record<ChangeType, number>;
  for (const c of changes) counts[c.typ]++;

  const employment = (
    await duck.rowsOfFile<Record<string, unknown>>(join(SQL_DIR, 'employment.sql'), { limit: String(limit) })
  ).map(employmentRow);
  const employmentTop = (
    await duck.rowsOfFile<Record<string, unknown>>(join(SQL_DIR, 'employment-top.sql'))
  ).map(employmentRow);

  lap('shape and employment');
  const tables = await plainTables(a, b, limit);
  lap('tables');
  const [infoA, infoB] = [await info(a), await info(b)];
  lap('info');
  return {
    a: infoA,
    b: infoB,
    changes,
    counts,
    matched: await duck.count('kkdiff_map'),
    renames: renames.map(({ entity_a, entity_b, namn_a, namn_b, sannolikhet, grund }) => ({
      entity_a,
      entity_b,
      namn_a,
      namn_b,
      sannolikhet,
      grund,
    })),
    shape,
    employment,
    employmentTotal: await duck.count('kkdiff_employment'),
    employmentTop,
    tables,
    limit,
    seconds: (performance.now() - started) / 1000,
    timings,
  };
}
