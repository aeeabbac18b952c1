import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordedDigests, tableDigest } from './column-digests.ts';
import { type Duck, ident, lit } from './duck.ts';
import { CheckError, InputError } from './errors.ts';
import { displayPath, type Edition } from './paths.ts';
import { noteRead, readKey, readsTracked } from './reads.ts';
import { type ColumnTest, readStageSchema, schemaPath, type TableSchema, tableSchemaOf } from './schema.ts';
import { readStageSpec } from './specs.ts';
import { type StageContext, stageDirOf } from './stage.ts';

// The model runner: a stage's output tables are SQL files, `pipelines/<stage>/models/<table>.sql`, one per table,
// run in dependency order. A model reads
//   {{ ref('table') }}           another model of the same stage,
//   {{ ref('stage', 'table') }}  an upstream stage's output (checked against that stage's schema),
//   {{ source('name') }}         a staging table the stage's TypeScript made (what SQL cannot say well),
//   {{ var('name') }}            a value the stage passes in (already a SQL literal).
// A model with `formats: []` in the schema is an intermediate step: made and kept in the connection for the models
// (and the stage's checks, modelRows) after it, never written. A table test's `expect` may use the same placeholders,
// so that a reconciliation with another table is a test of the schema.
// Each table's columns are checked against models/schema.json, its tests run, and it is written as Parquet and
// CSV in the schema's order, its row count going to the manifest.

const PLACEHOLDER = /\{\{\s*(ref|source|var)\(([^)]*)\)\s*\}\}/g;

/** Models are made in their own DuckDB schema, so a stage's working tables may share their names. */
export const MODEL_SCHEMA = 'out';
/** A model's table in the connection, e.g. out."entities". */
export const modelTable = (table: string) => `${MODEL_SCHEMA}.${ident(table)}`;

function args(text: string): string[] {
  return text
    .split(',')
    .map((a) => a.trim().replace(/^'(.*)'$/, '$1'))
    .filter(Boolean);
}

/** Where an upstream stage's table is, for an edition: in this run's staged outputs, or the published ones. */
export function refPath(edition: Edition, stage: string, table: string): string {
  return join(stageDirOf(edition, stage), `${table}.parquet`);
}

/**
 * The SQL relation of an upstream stage's table, after checking that the producer declares it (and the
 * columns asked for) and that the file on disk has them (all the declared columns when none are named). One
 * clear message when not.
 */
export async function ref(
  duck: Duck,
  edition: Edition,
  stage: string,
  table: string,
  columns: readonly string[] = [],
): Promise<string> {
  const schema = tableSchemaOf(stage, table);
  const declared = Object.keys(schema.columns);
  const unknown = columns.filter((c) => !declared.includes(c));
  if (unknown.length) {
    throw new InputError(
      { file: displayPath(schemaPath(stage)) },
      `the column(s) ${unknown.join(', ')} in table ${stage}.${table}`,
      `the columns ${declared.join(', ')}`,
    );
  }
  const path = refPath(edition, stage, table);
  if (!schema.formats.includes('parquet')) {
    throw new InputError(
      { file: displayPath(schemaPath(stage)) },
      `table ${stage}.${table} written as parquet for the stages after it`,
      `formats ${schema.formats.join(', ')}`,
    );
  }
  if (!existsSync(path)) {
    throw new InputError(
      { file: displayPath(path) },
      `table ${stage}.${table} of edition ${edition.year} (run: npm run stage -- ${stage} --year ${edition.year})`,
      'no such file',
    );
  }
  const file = `read_parquet(${lit(path)})`;
  // The producer's manifest names the file's columns and their digests (column-digests.ts), read once here for
  // both; a DESCRIBE when it does not.
  const recorded = recordedDigests(path);
  const have = recorded
    ? Object.keys(recorded)
    : (await duck.rows<{ column_name: string }>(`DESCRIBE SELECT * FROM ${file}`)).map((r) => r.column_name);
  // The columns the reader names, or else every column the producer declares.
  const missing = (columns.length ? columns : declared).filter((c) => !have.includes(c));
  if (missing.length) {
    throw new InputError(
      { file: displayPath(path) },
      `the columns stage ${stage} declares for ${table} (${missing.join(', ')}); rerun: npm run stage -- ${stage} --year ${edition.year}`,
      `the columns ${have.join(', ')}`,
    );
  }
  // Exactly the columns named: what a stage reads is what it names, so that a change to another column of the
  // table leaves the stage current (early cutoff, stage.ts).
  const relation = columns.length ? `(SELECT ${columns.map(ident).join(', ')} FROM ${file})` : file;
  await noteTableRead(duck, edition, stage, table, columns, path, recorded);
  return relation;
}

/**
 * Records, for the stage running, what it read of another stage's table and a digest of exactly that: the
 * parquet file's hash for the whole table, else the named columns' values in the file's order.
 */
async function noteTableRead(
  duck: Duck,
  edition: Edition,
  stage: string,
  table: string,
  columns: readonly string[],
  path: string,
  recorded: Record<string, string> | undefined,
): Promise<void> {
  if (!readsTracked()) return;
  const key = readKey(edition, stage, table, columns);
  noteRead(key, await tableDigest(path, columns, async () => duck, recorded));
}

/**
 * Row types of the stages' tables by `stage.table`, filled in by the generated @kk/tables (module augmentation),
 * so that a read is typed by what it names without core depending on the stages' schemas.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by @kk/tables (declaration merging)
export interface TableRows {}
type RowOf<K extends string> = K extends keyof TableRows ? TableRows[K] : Record<string, unknown>;
export type ColumnOf<K extends string> = keyof RowOf<K> & string;

/**
 * An upstream table's rows as objects (JSON-safe values), in the file's order, which is the order the producer
 * declares (`order_by`). `columns`: the ones the reader needs, checked as ref() checks them; the rows have exactly
 * those, typed from the table's generated row type (a column the reader did not name is a type error).
 */
export async function readRef<
  S extends string,
  T extends string,
  C extends ColumnOf<`${S}.${T}`> = ColumnOf<`${S}.${T}`>,
>(
  duck: Duck,
  edition: Edition,
  stage: S,
  table: T,
  columns: readonly C[] = [],
): Promise<Pick<RowOf<`${S}.${T}`>, C>[]> {
  return duck.rows<Pick<RowOf<`${S}.${T}`>, C>>(
    `SELECT * FROM ${await ref(duck, edition, stage, table, columns)}`,
  );
}

export interface Model {
  table: string;
  file: string;
  sql: string;
  schema: TableSchema;
  /** Models of the same stage this one reads. */
  after: string[];
}

function readModels(stage: string, dir: string): Model[] {
  const schemaFile = join(dir, 'schema.json');
  const schema = readStageSchema(stage, schemaFile);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const tables = files.map((f) => f.slice(0, -4));
  const undeclared = tables.filter((t) => !(t in schema.tables));
  if (undeclared.length) {
    throw new CheckError(
      `${displayPath(join(dir, `${undeclared[0]}.sql`))}: a model with no entry in ${displayPath(schemaFile)}`,
    );
  }
  const orphans = Object.keys(schema.tables).filter((t) => !tables.includes(t));
  if (orphans.length) {
    throw new CheckError(
      `${displayPath(schemaFile)}: table ${orphans[0]} has no model file ${displayPath(join(dir, `${orphans[0]}.sql`))}`,
    );
  }
  return tables.map((table) => {
    const file = join(dir, `${table}.sql`);
    const sql = readFileSync(file, 'utf8');
    const after = [...sql.matchAll(PLACEHOLDER)]
      .filter((m) => m[1] === 'ref' && args(m[2]).length === 1)
      .map((m) => args(m[2])[0]);
    return { table, file, sql, schema: schema.tables[table], after };
  });
}

/** Models in an order where each comes after the models it reads (ties by name); of `only`, what they need. */
function ordered(models: Model[], only?: string[]): Model[] {
  const byName = new Map(models.map((m) => [m.table, m]));
  const out: Model[] = [];
  const visit = (m: Model, path: string[]) => {
    if (out.includes(m)) return;
    if (path.includes(m.table)) throw new CheckError(`model cycle: ${[...path, m.table].join(' → ')}`);
    for (const dep of m.after) {
      const d = byName.get(dep);
      if (!d) throw new CheckError(`${displayPath(m.file)}: ref('${dep}') names no model of this stage`);
      visit(d, [...path, m.table]);
    }
    out.push(m);
  };
  for (const m of models) if (!only || only.includes(m.table)) visit(m, []);
  return out;
}

/** The stage's own tables in the connection (outside the models' schema): what a model's source() may name. */
async function sourceTables(duck: Duck): Promise<Set<string>> {
  return new Set((await duck.relations()).filter((r) => r.schema !== MODEL_SCHEMA).map((r) => r.name));
}

/** A model's SQL (or a schema test's) with its placeholders filled; `file` is where it is written, for messages. */
async function compile(
  duck: Duck,
  ctx: ModelContext,
  model: Pick<Model, 'sql' | 'file'>,
  vars: Record<string, string>,
  /** The stage's own tables (sourceTables): what source() may name. */
  sources: ReadonlySet<string>,
): Promise<string> {
  const parts: string[] = [];
  let last = 0;
  for (const m of model.sql.matchAll(PLACEHOLDER)) {
    parts.push(model.sql.slice(last, m.index));
    last = (m.index ?? 0) + m[0].length;
    const a = args(m[2]);
    if (m[1] === 'ref') {
      if (a.length > 1 && !ctx.edition)
        throw new CheckError(`${displayPath(model.file)}: ref('${a[0]}', '${a[1]}') with no edition to read`);
      parts.push(a.length === 1 ? modelTable(a[0]) : await ref(duck, ctx.edition as Edition, a[0], a[1]));
    } else if (m[1] === 'source') {
      if (!sources.has(a[0])) {
        throw new CheckError(
          `${displayPath(model.file)}: source('${a[0]}') was not made by the stage's code`,
        );
      }
      parts.push(ident(a[0]));
    } else {
      if (!(a[0] in vars)) throw new CheckError(`${displayPath(model.file)}: var('${a[0]}') has no value`);
      parts.push(vars[a[0]]);
    }
  }
  parts.push(model.sql.slice(last));
  return parts.join('').replace(/;\s*$/, '');
}

/** The raw files and folders a stage declares it reads (package.json), as messages show them. */
function declaredReads(ctx: ModelContext): string[] {
  const raw = ctx.edition?.rawDir;
  if (!raw) return [];
  try {
    return readStageSpec(ctx.stage).reads.map((r) => displayPath(join(raw, r)));
  } catch {
    return [displayPath(raw)];
  }
}

/**
 * A model whose columns differ from its schema is a bug of ours, never the user's: the contract must hold for
 * every input. The message says so and names what the stage read, so that the input can be sent with a report.
 */
async function checkColumns(duck: Duck, ctx: ModelContext, model: Model, inputs: string[]): Promise<void> {
  const have = await duck.rows<{ column_name: string; column_type: string }>(
    `DESCRIBE ${modelTable(model.table)}`,
  );
  const want = Object.entries(model.schema.columns).map(([name, c]) => ({ name, type: c.type }));
  const shown = (cols: { name: string; type: string }[]) => cols.map((c) => `${c.name} ${c.type}`).join(', ');
  const found = have.map((h) => ({ name: h.column_name, type: h.column_type }));
  if (shown(found) !== shown(want)) {
    const read = inputs.length ? inputs : declaredReads(ctx);
    throw new CheckError(
      `internal error in Klusterkartan (please report it, with the input named below): ` +
        `${displayPath(model.file)}: the model's columns differ from its entry in schema.json:\n` +
        `  declared: ${shown(want)}\n  made:     ${shown(found)}\n` +
        `  the input that led here: ${read.join(', ')}`,
    );
  }
}

/** The SQL that finds a test's offending rows. */
function testQuery(
  duck: Duck,
  ctx: StageContext,
  model: Model,
  vars: Record<string, string>,
  sources: () => Promise<ReadonlySet<string>>,
  column: string | undefined,
  test: ColumnTest | TableSchema['tests'][number],
): Promise<TestQuery> | TestQuery {
  const table = model.table;
  const t = modelTable(table);
  /** A test that is a condition on the table's own row alone. */
  const onRow = (name: string, where: string) => ({ name, sql: `SELECT * FROM ${t} WHERE ${where}`, where });
  if (column !== undefined) {
    const c = ident(column);
    if (test === 'not_null') return onRow('not_null', `${c} IS NULL`);
    if (test === 'unique')
      return {
        name: 'unique',
        sql: `SELECT * FROM ${t} WHERE ${c} IN (SELECT ${c} FROM ${t} GROUP BY ${c} HAVING count(*) > 1)`,
      };
    if (typeof test === 'object' && 'accepted_values' in test) {
      const values = test.accepted_values.map((v) => (typeof v === 'string' ? lit(v) : String(v))).join(', ');
      return onRow(
        `accepted_values (${test.accepted_values.join(', ')})`,
        `${c} IS NOT NULL AND ${c} NOT IN (${values})`,
      );
    }
    if (typeof test === 'object' && 'relationships' in test) {
      const { to, field } = test.relationships;
      const [toStage, toTable] = to.includes('.') ? to.split('.') : [undefined, to];
      const name = `relationships (${to}.${field})`;
      if (toStage === undefined || toStage === ctx.stage) {
        return {
          name,
          sql: `SELECT * FROM ${t} WHERE ${c} IS NOT NULL AND ${c} NOT IN (SELECT ${ident(field)} FROM ${modelTable(toTable)} WHERE ${ident(field)} IS NOT NULL)`,
        };
      }
      return ref(duck, ctx.edition, toStage, toTable, [field]).then((rel) => ({
        name,
        sql: `SELECT * FROM ${t} WHERE ${c} IS NOT NULL AND ${c} NOT IN (SELECT ${ident(field)} FROM ${rel} WHERE ${ident(field)} IS NOT NULL)`,
      }));
    }
  } else if (typeof test === 'object' && 'unique' in test) {
    const cols = test.unique.map(ident).join(', ');
    return {
      name: `unique (${test.unique.join(', ')})`,
      sql: `SELECT * FROM ${t} WHERE (${cols}) IN (SELECT (${cols}) FROM ${t} GROUP BY ${cols} HAVING count(*) > 1)`,
    };
  } else if (typeof test === 'object' && 'expect' in test) {
    // A condition may name other tables as models do ({{ ref() }}, {{ source() }}): a reconciliation.
    const file = join(model.file, '..', 'schema.json');
    return sources()
      .then((names) => compile(duck, ctx, { sql: test.expect, file }, vars, names))
      .then((expect) => ({
        name: test.description,
        sql: `SELECT * FROM ${t} WHERE NOT coalesce((${expect}), false)`,
      }));
  }
  throw new CheckError(`unknown schema test ${JSON.stringify(test)} on ${table}`);
}

/** A schema test's query for its offending rows; `where` when it is a condition on one row of the table alone. */
interface TestQuery {
  name: string;
  sql: string;
  where?: string;
}

async function runTests(
  duck: Duck,
  ctx: StageContext,
  model: Model,
  vars: Record<string, string>,
  sources: () => Promise<ReadonlySet<string>>,
): Promise<void> {
  const tests: { column?: string; test: ColumnTest | TableSchema['tests'][number] }[] = [
    ...Object.entries(model.schema.columns).flatMap(([column, c]) =>
      c.tests.map((test) => ({ column, test })),
    ),
    ...model.schema.tests.map((test) => ({ test })),
  ];
  if (tests.length === 0) return;
  const queries = await Promise.all(
    tests.map(async ({ column, test }) => ({
      column,
      ...(await testQuery(duck, ctx, model, vars, sources, column, test)),
    })),
  );
  // All of a table's tests in one query, one round trip; the rows only for a failure. The tests that are a
  // condition on a row alone (not_null, accepted_values: most of them) are counted in one scan of the table,
  // the others one scan each: the planning of a branch per test was most of the time of the query (a table of
  // 26 tests: 15 ms, one scan 4 ms).
  const onRow = queries.flatMap((q, i) => (q.where === undefined ? [] : [{ i, where: q.where }]));
  const branches = queries.flatMap((q, i) =>
    q.where === undefined ? [`SELECT ${i} AS i, count(*) AS n FROM (${q.sql})`] : [],
  );
  if (onRow.length)
    branches.unshift(
      `SELECT unnest([${onRow.map((q) => q.i).join(', ')}]) AS i, ` +
        `unnest([${onRow.map((q) => `count(*) FILTER (WHERE ${q.where})`).join(', ')}]) AS n ` +
        `FROM ${modelTable(model.table)}`,
    );
  const counts = await duck.rows<{ i: number; n: string | number }>(branches.join('\nUNION ALL\n'));
  const failed = counts
    .filter((c) => Number(c.n) > 0)
    .sort((a, b) => a.i - b.i)
    .map((c) => ({ q: queries[c.i], count: Number(c.n) }));
  if (failed.length === 0) return;
  const { q, count } = failed[0];
  const rows = await duck.rows(`SELECT * FROM (${q.sql}) LIMIT 5`);
  throw new CheckError(
    `schema test failed: ${ctx.stage}.${model.table}${q.column ? `.${q.column}` : ''} ${q.name}: ${count} row(s), ` +
      `e.g.\n${rows.map((r) => `  ${JSON.stringify(r)}`).join('\n')}\n` +
      `(the test is declared in ${displayPath(join(model.file, '..', 'schema.json'))}` +
      `${failed.length > 1 ? `; ${failed.length - 1} more test(s) of this table failed too` : ''})`,
  );
}

/** What the runner needs of a stage: its name, and the edition its upstream refs are read from. */
export interface ModelContext {
  stage: string;
  /** Absent where a stage's models are made on their own (its tests): then no model may read another stage. */
  edition?: Edition;
}

export interface RunModelsOptions {
  /** Values for {{ var('name') }}, as SQL fragments. */
  vars?: Record<string, string>;
  /** The models folder; default pipelines/<stage>/models. */
  dir?: string;
  /** What the stage read, as messages show it (file and shape), for the message of a broken contract. */
  inputs?: string[];
  /**
   * The stage's own checks over the tables made (modelRows), run before the schema's tests and before anything
   * is written: a check that stops the stage is the first thing said.
   */
  check?: () => Promise<void>;
}

/** An intermediate model (formats []) is a step other models read: kept in the connection, never written. */
const written = (model: Model) => model.schema.formats.length > 0;

/**
 * Makes a stage's models in the connection (schema `out`), each after the models it reads, and checks the columns
 * of every written one against the schema. Nothing is tested or written: runModels does that.
 */
export async function makeModels(
  duck: Duck,
  ctx: ModelContext,
  options: Omit<RunModelsOptions, 'check'> & {
    /** Only these models and the ones they read (a stage's tests of one part); default: all. */
    only?: string[];
  } = {},
): Promise<Model[]> {
  const dir = options.dir ?? join(schemaPath(ctx.stage), '..');
  const models = ordered(readModels(ctx.stage, dir), options.only);
  await duck.run(`CREATE SCHEMA IF NOT EXISTS ${MODEL_SCHEMA}`);
  // The stage's own tables (what source() names) are made before its models.
  const sources = await sourceTables(duck);
  for (const model of models) {
    const sql = await compile(duck, ctx, model, options.vars ?? {}, sources);
    try {
      await duck.run(`CREATE OR REPLACE TABLE ${modelTable(model.table)} AS ${sql}`);
    } catch (err) {
      throw new CheckError(`${displayPath(model.file)}: the model failed: ${(err as Error).message}`);
    }
    if (written(model) || Object.keys(model.schema.columns).length)
      await checkColumns(duck, ctx, model, options.inputs ?? []);
  }
  return models;
}

/** A model's rows (JSON-safe values) in the order its schema declares: for the stage's checks after makeModels. */
export async function modelRows<T = Record<string, unknown>>(
  duck: Duck,
  stage: string,
  table: string,
): Promise<T[]> {
  const order = tableSchemaOf(stage, table).order_by.join(', ');
  return duck.rows<T>(`SELECT * FROM ${modelTable(table)} ORDER BY ${order}`);
}

/**
 * Runs a stage's models into its output folder: each table made in DuckDB, checked against the schema, tested,
 * written as Parquet and CSV in the declared order and counted in the manifest. The tables stay in the
 * connection for the stage's own checks afterwards.
 */
export async function runModels(
  duck: Duck,
  ctx: StageContext,
  options: RunModelsOptions = {},
): Promise<void> {
  // Make every table first, then test them (a relationship may point at a table made later), then write.
  const models = await makeModels(duck, ctx, options);
  await options.check?.();
  // The stage's own tables, which a test's condition may name like a model (source()): made before the models,
  // so looked up once.
  let sources: Promise<ReadonlySet<string>> | undefined;
  const stageTables = () => {
    sources ??= sourceTables(duck);
    return sources;
  };
  for (const model of models) await runTests(duck, ctx, model, options.vars ?? {}, stageTables);
  for (const model of models.filter(written)) {
    const order = model.schema.order_by.join(', ');
    const query = `SELECT * FROM ${modelTable(model.table)} ORDER BY ${order}`;
    const base = join(ctx.out, model.table);
    // COPY answers with the rows it wrote: the count for the manifest.
    let rows: unknown;
    if (model.schema.formats.includes('parquet'))
      rows = await duck.value(
        `COPY (${query}) TO ${lit(`${base}.parquet`)} (FORMAT parquet, COMPRESSION zstd)`,
      );
    if (model.schema.formats.includes('csv'))
      rows = await duck.value(`COPY (${query}) TO ${lit(`${base}.csv`)} (FORMAT csv, HEADER true)`);
    ctx.count(model.table, Number(rows));
  }
}
