import { readFileSync } from 'node:fs';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/** An in-memory DuckDB with one connection; close() when done. */
export class Duck {
  private constructor(
    readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
  ) {}

  static async open(options: Record<string, string> = {}): Promise<Duck> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '2', ...options });
    return new Duck(instance, await instance.connect());
  }

  async run(sql: string): Promise<void> {
    await this.conn.run(sql);
  }

  /** Runs a .sql file; `{{ var('name') }}` placeholders are replaced by the given SQL fragments. */
  async runFile(path: string, params: Record<string, string> = {}): Promise<void> {
    await this.run(fillSql(readFileSync(path, 'utf8'), params));
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
    await this.run(`COPY (${q}) TO ${lit(`${basePath}.parquet`)} (FORMAT parquet, COMPRESSION zstd)`);
    await this.run(`COPY (${q}) TO ${lit(`${basePath}.csv`)} (FORMAT csv, HEADER true)`);
    return Number(await this.value(`SELECT count(*) FROM (${query})`));
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
