import { join } from 'node:path';
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
  const p = e.prefix;
  const outcomes = await e.duck.rows<{ utfall: string; n: number }>(
    `SELECT coalesce(utfall, '') AS utfall, count(*)::INTEGER AS n FROM ${p}_entity GROUP BY 1 ORDER BY 1`,
  );
  const years = await e.duck.rows<{ ar: number; riket: number | null }>(
    `SELECT ar, max(riket_totalt)::BIGINT AS riket FROM ${p}_emp WHERE ar IS NOT NULL GROUP BY ar ORDER BY ar`,
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
  const listed = `(SELECT DISTINCT coalesce(nullif(entity_b, ''), entity_a) AS k, entity_a, entity_b FROM kkdiff_changes
    WHERE typ IN ('tillagd', 'borttagen', 'namnbyte', 'flyttad'))`;
  // Only fact sheets in both editions: a table diff of those shows just the cells that changed (an added or removed
  // row would show every column); added and removed initiatives have their own tables.
  const sheets = `(SELECT DISTINCT entity_b AS k, entity_a, entity_b FROM kkdiff_changes
    WHERE typ IN ('namnbyte', 'faktaandring') AND falt <> 'faktablad' AND entity_a <> '' AND entity_b <> '')`;
  const keys = async (set: string) =>
    (
      await duck.rows<{ k: string }>(
        `SELECT s.k FROM ${set} s
         LEFT JOIN ${b.prefix}_entity eb ON eb.entity_id = s.entity_b
         LEFT JOIN ${a.prefix}_entity ea ON ea.entity_id = s.entity_a
         ORDER BY coalesce(eb.namn, ea.namn) COLLATE sv, s.k LIMIT ${limit}`,
      )
    ).map((r) => r.k);
  const plain = async (sql: string, keys: string[]): Promise<PlainTable> => {
    const rows = await duck.rows<Record<string, unknown>>(sql);
    return [keys.map(faltLabel), ...rows.map((r) => keys.map((h) => str(r[h])))];
  };
  const listKeys = await keys(listed);
  const sheetKeys = await keys(sheets);
  const inList = (ks: string[]) =>
    ks.length ? ks.map((k) => `'${k.replaceAll("'", "''")}'`).join(', ') : 'NULL';
  const listSql = (e: EditionOutputs, side: 'a' | 'b', ks: string[]) => `
    SELECT s.k AS entitet, x.namn, ${placement('x.utfall')} AS placering
    FROM (SELECT DISTINCT k, entity_${side} AS id FROM ${listed} WHERE k IN (${inList(ks)})) s
    JOIN ${e.prefix}_entity x ON x.entity_id = s.id
    ORDER BY s.k`;
  const factCols = ['entitet', 'rubrik', ...FACT_COLUMNS];
  const sheetSql = (e: EditionOutputs, side: 'a' | 'b', ks: string[]) => `
    SELECT s.k AS entitet, f.rubrik, ${FACT_COLUMNS.map((c) => `f.${c}`).join(', ')}
    FROM (SELECT DISTINCT k, entity_${side} AS id FROM ${sheets} WHERE k IN (${inList(ks)})) s
    JOIN ${e.prefix}_entity x ON x.entity_id = s.id
    JOIN ${e.prefix}_t_factsheets f ON f.id = x.factsheet_id
    ORDER BY s.k`;
  return {
    lists: {
      a: await plain(listSql(a, 'a', listKeys), ['entitet', 'namn', 'placering']),
      b: await plain(listSql(b, 'b', listKeys), ['entitet', 'namn', 'placering']),
    },
    factsheets: {
      a: await plain(sheetSql(a, 'a', sheetKeys), factCols),
      b: await plain(sheetSql(b, 'b', sheetKeys), factCols),
    },
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
  const reader = await duck.conn.runAndReadAll(
    `SELECT CASE typ ${order} END AS t, entity_a, nullif(entity_b, entity_a) AS eb, namn, falt, fran, till
     FROM kkdiff_changes ORDER BY t, namn COLLATE sv, entity_b, entity_a, falt`,
  );
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
  const lists = await duck.rows<{ sida: string; fil: string; ursprung: string; rader: number }>(
    'SELECT sida, fil, ursprung, rader::INTEGER AS rader FROM kkdiff_lists ORDER BY sida, fil',
  );
  const listColumns = await duck.rows<{ sida: string; fil: string; kolumn: string }>(
    'SELECT sida, fil, kolumn FROM kkdiff_list_columns ORDER BY sida, fil, kolumn',
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
    await duck.rows<Record<string, unknown>>(
      `SELECT * FROM kkdiff_employment ORDER BY namn COLLATE sv, entity_b LIMIT ${limit}`,
    )
  ).map(employmentRow);
  const employmentTop = (
    await duck.rows<Record<string, unknown>>(
      `SELECT * FROM kkdiff_employment WHERE utfall_b = 'list1' AND lq_a IS NOT NULL AND lq_b IS NOT NULL
       ORDER BY abs(lq_b - lq_a) DESC, namn COLLATE sv LIMIT 10`,
    )
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
    matched: Number(await duck.value('SELECT count(*) FROM kkdiff_map')),
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
    employmentTotal: Number(await duck.value('SELECT count(*) FROM kkdiff_employment')),
    employmentTop,
    tables,
    limit,
    seconds: (performance.now() - started) / 1000,
    timings,
  };
}
