import { readFileSync } from 'node:fs';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** Rows in one of DuckDB's row groups: a scan runs on at most as many threads as its table has row groups. */
export const ROW_GROUP = 122_880;

/**
 * DuckDB's threads for work on tables of at most `rows` rows. Below one row group nothing splits, and a second
 * thread only adds coordination: on the 2009 edition (some hundred rows a table) one thread took a fifth less
 * CPU for ingest to changes (dedupe 29 % less) and no more time. From one row group up, both of the machine's
 * threads. (The benchmarks open their DuckDB with both.)
 */
export function threadsFor(rows: number): string {
  return rows < ROW_GROUP ? '1' : '2';
}

type DuckApi = typeof import('@duckdb/node-api');

/** DuckDB's node API, loaded on first use (see Duck.open). */
async function duckApi(): Promise<DuckApi> {
  const api = await import('@duckdb/node-api');
  return 'DuckDBInstance' in api ? api : (api as unknown as { default: DuckApi }).default;
}

/** An in-memory DuckDB with one connection; close() when done. */
export class Duck {
  private constructor(
    readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
  ) {}

  static async open(options: Record<string, string> = {}): Promise<Duck> {
    // Loaded on first use, which every kk command and every stage process would otherwise pay at start even when
    // it never opens a database (a no-op build, help, status of a stage without table reads). Its JavaScript is
    // 124 CommonJS files: 0.3 s to load from node_modules, 0.08 s bundled in the compiled stages (bin/compile.js),
    // where the package is the import's default export rather than named exports as node gives them.
    const { DuckDBInstance } = await duckApi();
    // An in-memory database is still checkpointed whenever a write's log passes checkpoint_threshold (16 MB by
    // default), with nothing to write it to: the 33 000 pairs added to the 4.3 million of a million records
    // (add-pairs.sql) waited a second in their commit for it. Never, here.
    const instance = await DuckDBInstance.create(':memory:', {
      threads: '2',
      checkpoint_threshold: '1TB',
      ...options,
    });
    return new Duck(instance, await instance.connect());
  }

  async run(sql: string): Promise<void> {
    await this.conn.run(sql);
  }

  /** Sets the threads of the open database (`threadsFor`), once the size of its work is known. */
  async setThreads(threads: string): Promise<void> {
    await this.run(`SET threads = ${Number(threads)}`);
  }

  /** Runs a .sql file; `{{ var('name') }}` placeholders are replaced by the given SQL fragments. */
  async runFile(path: string, params: Record<string, string> = {}): Promise<void> {
    await this.run(sqlOfFile(path, params));
  }

  /** The rows of the query in a .sql file, its `{{ var('name') }}` placeholders filled as in runFile. */
  async rowsOfFile<T = Record<string, unknown>>(
    path: string,
    params: Record<string, string> = {},
  ): Promise<T[]> {
    return this.rows<T>(sqlOfFile(path, params));
  }

  /** The columns of an integer query (text or sqlOfFile), as arrays: for the clustering, far cheaper than rows. */
  async intColumns(sql: string): Promise<number[][]> {
    const reader = await this.conn.runAndReadAll(sql);
    const columns = reader.getColumnsJS() as number[][];
    // An empty result has no column arrays at all.
    return Array.from({ length: reader.columnCount }, (_, i) => columns[i] ?? []);
  }

  /** How many rows a table holds. */
  async count(table: string): Promise<number> {
    return Number(await this.value(`SELECT count(*) FROM ${table}`));
  }

  /** A table of every row and column of a relation (a table, ref()'s read of named columns, a parenthesised query). */
  async createTable(table: string, relation: string): Promise<void> {
    await this.run(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM ${relation}`);
  }

  /**
   * The connection's tables and views, DuckDB's own views left out. From DuckDB's catalog functions:
   * information_schema.tables, a view over them, took 6 ms a call on a stage's connection, these a third of a ms.
   */
  async relations(): Promise<{ schema: string; name: string }[]> {
    return this.rows(
      `SELECT schema_name AS schema, table_name AS name FROM duckdb_tables()
       UNION ALL SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal`,
    );
  }

  /** Whether a table (or view) of that name exists. */
  async hasTable(name: string): Promise<boolean> {
    return (await this.relations()).some((r) => r.name === name);
  }

  /** The named columns of a table, every row, in the table's order. */
  async readTable<T = Record<string, unknown>>(table: string, columns: readonly string[]): Promise<T[]> {
    return this.rows<T>(`SELECT ${columns.map(ident).join(', ')} FROM ${table}`);
  }

  async rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
    const reader = await this.conn.runAndReadAll(sql);
    return reader.getRowObjectsJson() as unknown as T[];
  }

  async value<T = unknown>(sql: string): Promise<T> {
    const rows = await this.rows<Record<string, T>>(sql);
    const first = rows[0];
    return first ? (Object.values(first)[0] as T) : (undefined as T);
  }

  /** Writes a table or query to Parquet and CSV (for people), with rows in a fixed order. */
  async export(query: string, basePath: string, orderBy?: string): Promise<number> {
    const q = orderBy ? `SELECT * FROM (${query}) ORDER BY ${orderBy}` : query;
    // COPY answers with the number of rows it wrote.
    const rows = await this.value(
      `COPY (${q}) TO ${lit(`${basePath}.parquet`)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    await this.run(`COPY (${q}) TO ${lit(`${basePath}.csv`)} (FORMAT csv, HEADER true)`);
    return Number(rows);
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

/** A SQL string literal. */
export function lit(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A SQL identifier (a column or table name), quoted. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Replaces {{ var('name') }} in SQL text with the given (already quoted) SQL fragments, the placeholder the
 * models use (models.ts); unknown names are an error.
 */
export function fillSql(sql: string, params: Record<string, string>): string {
  return sql.replace(/\{\{\s*var\('(\w+)'\)\s*\}\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`SQL placeholder {{ var('${name}') }} has no value`);
    return params[name];
  });
}

/** The text of a .sql file with its `{{ var('name') }}` placeholders filled. */
export function sqlOfFile(path: string, params: Record<string, string> = {}): string {
  return fillSql(readFileSync(path, 'utf8'), params);
}

export type ColumnType = 'VARCHAR' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'BOOLEAN' | 'VARCHAR[]';

/** Loads rows (objects) into a new DuckDB table with the given column types, through an NDJSON file. */
export async function loadRows(
  duck: Duck,
  table: string,
  columns: Record<string, ColumnType>,
  rows: Record<string, unknown>[],
  tmpFile: string,
): Promise<void> {
  const { writeFileSync, rmSync } = await import('node:fs');
  const names = Object.keys(columns);
  const cols = names.map((n) => `"${n}" ${columns[n]}`).join(', ');
  await duck.run(`CREATE OR REPLACE TABLE "${table}" (${cols})`);
  if (rows.length === 0) return;
  writeFileSync(
    tmpFile,
    rows.map((r) => JSON.stringify(Object.fromEntries(names.map((n) => [n, r[n] ?? null])))).join('\n'),
  );
  const spec = names.map((n) => `'${n}': '${columns[n]}'`).join(', ');
  await duck.run(
    `INSERT INTO "${table}" SELECT ${names.map((n) => `"${n}"`).join(', ')} FROM read_json(${lit(tmpFile)}, format = 'newline_delimited', columns = {${spec}})`,
  );
  rmSync(tmpFile, { force: true });
}

type AppendType = 'INTEGER' | 'DOUBLE' | 'VARCHAR' | 'BOOLEAN';

/** Rows appended at a time: one of DuckDB's vectors. */
const CHUNK_ROWS = 2048;

/**
 * The JavaScript type a column's values must have. The vectors take what they are given (a string into a double's
 * is NaN, 'false' into a boolean's is true), where the appender's own calls refused it: a value of another type is
 * refused by appendTable. Text takes any value.
 */
const VALUE_TYPE: Record<AppendType, 'number' | 'boolean' | undefined> = {
  INTEGER: 'number',
  DOUBLE: 'number',
  BOOLEAN: 'boolean',
  VARCHAR: undefined,
};

/**
 * A new table filled from rows of TypeScript values through DuckDB's appender (far cheaper than SQL literals for
 * a million rows, and exact: a double goes over as it is); null is NULL.
 */
export async function appendTable(
  duck: Duck,
  table: string,
  columns: Record<string, AppendType>,
  rows: Iterable<readonly unknown[]>,
): Promise<void> {
  const names = Object.keys(columns);
  const types = Object.values(columns);
  const width = names.length;
  const check = (v: unknown, c: number) => {
    const t = VALUE_TYPE[types[c]];
    if (t && typeof v !== t)
      throw new Error(`appendTable ${table}.${names[c]}: expected a ${t}, found ${typeof v} ${String(v)}`);
  };
  const text = types.map((t) => t === 'VARCHAR');
  await appendChunks(
    duck,
    table,
    columns,
    (function* () {
      let chunk: unknown[][] = Array.from({ length: width }, () => []);
      for (const row of rows) {
        for (let c = 0; c < width; c++) {
          const v = row[c] ?? null;
          if (v !== null) check(v, c);
          chunk[c].push(text[c] && v !== null ? String(v) : v);
        }
        if (chunk[0].length === CHUNK_ROWS) {
          yield chunk;
          chunk = Array.from({ length: width }, () => []);
        }
      }
      if (chunk[0].length) yield chunk;
    })(),
  );
}

/**
 * A new table of integer columns, given whole (`data[c][i]` is row i of column c): appendTable without a row
 * array per row, for the labels of a million records.
 */
export async function appendIntColumns(
  duck: Duck,
  table: string,
  names: readonly string[],
  data: readonly Int32Array[],
): Promise<void> {
  const rows = data[0]?.length ?? 0;
  if (data.length !== names.length || data.some((column) => column.length !== rows))
    throw new Error(`appendIntColumns ${table}: ${names.length} names and columns of unequal length`);
  await appendChunks(
    duck,
    table,
    Object.fromEntries(names.map((n) => [n, 'INTEGER' as const])),
    (function* () {
      for (let at = 0; at < rows; at += CHUNK_ROWS)
        yield data.map((column) => column.subarray(at, Math.min(at + CHUNK_ROWS, rows)));
    })(),
  );
}

/**
 * Creates the table and appends chunks of its columns (each at most CHUNK_ROWS values) a vector at a time: a
 * value is written into the vector's memory, where appending it alone was a call into DuckDB for each value and
 * another for each row (a million rows of two integers 0.25 → 0.05 s).
 */
async function appendChunks(
  duck: Duck,
  table: string,
  columns: Record<string, AppendType>,
  chunks: Iterable<readonly ArrayLike<unknown>[]>,
): Promise<void> {
  const api = await duckApi();
  const types = Object.values(columns).map((t) => api[t]);
  await duck.run(
    `CREATE OR REPLACE TABLE ${table} (${Object.entries(columns)
      .map(([n, t]) => `${n} ${t}`)
      .join(', ')})`,
  );
  const app = await duck.conn.createAppender(table);
  for (const columnsOfChunk of chunks) {
    const chunk = api.DuckDBDataChunk.create(types, columnsOfChunk[0].length);
    // setColumnValues reads values by index and length only: a typed array serves as it is.
    columnsOfChunk.forEach((values, c) => {
      chunk.setColumnValues(c, values as readonly import('@duckdb/node-api').DuckDBValue[]);
    });
    app.appendDataChunk(chunk);
  }
  app.flushSync();
  app.closeSync();
}
