import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { ColumnType } from './duck.ts';
import { InputError } from './errors.ts';
import { displayPath, REPO_ROOT } from './paths.ts';

// A stage's contract: `pipelines/<stage>/models/schema.json` describes every table the stage writes (one model
// file per table beside it), every column with its type and meaning, the order that makes the output
// byte-stable, and the tests each build runs. Downstream stages read the tables through ref(), which checks
// against this file, so no code outside the producer lists a stage's columns.

const columnTest = z.union([
  z.literal('not_null'),
  z.literal('unique'),
  z.object({ accepted_values: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1) }).strict(),
  z
    .object({
      relationships: z.object({ to: z.string().regex(/^(\w+\.)?\w+$/), field: z.string() }).strict(),
    })
    .strict(),
]);

const tableTest = z.union([
  z.object({ unique: z.array(z.string()).min(1) }).strict(),
  /** A condition every row must meet, in SQL; the rows that do not are the failure. */
  z.object({ expect: z.string().min(1), description: z.string().min(1) }).strict(),
]);

const columnSchema = z
  .object({
    type: z
      .string()
      .regex(/^(VARCHAR|INTEGER|BIGINT|DOUBLE|BOOLEAN|DECIMAL\(\d+,\d+\))(\[\])?$/, 'a DuckDB column type'),
    description: z.string().min(1),
    tests: z.array(columnTest).default([]),
  })
  .strict();

const tableSchema = z
  .object({
    description: z.string().min(1),
    /** Columns (or SQL expressions) the rows are written in: what makes the files byte-stable. */
    order_by: z.array(z.string()).min(1),
    /**
     * Files written: parquet for the stages, csv for people. None: an intermediate model, a step the stage's
     * other models read (ref) and its checks (modelRows), kept in the connection; its columns may go undeclared.
     */
    formats: z.array(z.enum(['parquet', 'csv'])).default(['parquet', 'csv']),
    columns: z.record(z.string(), columnSchema),
    tests: z.array(tableTest).default([]),
  })
  .strict();

const stageSchemaZ = z
  .object({
    stage: z.string(),
    description: z.string().optional(),
    tables: z.record(z.string(), tableSchema),
  })
  .strict();

export type ColumnTest = z.infer<typeof columnTest>;
export type TableSchema = z.infer<typeof tableSchema>;
export type StageSchema = z.infer<typeof stageSchemaZ>;

export function schemaPath(stage: string): string {
  return join(REPO_ROOT, 'pipelines', stage, 'models', 'schema.json');
}

const cache = new Map<string, StageSchema>();

/** The schema a stage declares for its outputs (read once per process). */
export function readStageSchema(stage: string, path = schemaPath(stage)): StageSchema {
  const cached = cache.get(path);
  if (cached) return cached;
  if (!existsSync(path)) {
    throw new InputError(
      { file: displayPath(path) },
      `the schema of stage ${stage}'s tables`,
      'no such file',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new InputError({ file: displayPath(path) }, 'valid JSON', (err as Error).message);
  }
  const parsed = stageSchemaZ.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      { file: displayPath(path) },
      `${issue.path.join('.')}: ${issue.message}`,
      'something else',
    );
  }
  if (parsed.data.stage !== stage) {
    throw new InputError(
      { file: displayPath(path) },
      `"stage": ${JSON.stringify(stage)}`,
      JSON.stringify(parsed.data.stage),
    );
  }
  cache.set(path, parsed.data);
  return parsed.data;
}

/** One table's schema; a table the stage does not declare is an error naming what it does declare. */
export function tableSchemaOf(stage: string, table: string): TableSchema {
  const schema = readStageSchema(stage);
  const t = schema.tables[table];
  if (!t) {
    throw new InputError(
      { file: displayPath(schemaPath(stage)) },
      `a table ${JSON.stringify(table)} (stage ${stage} declares ${Object.keys(schema.tables).join(', ')})`,
      'no such table',
    );
  }
  return t;
}

/** Column names and types of a declared table, in order: for staging tables that have the output's shape. */
export function columnTypes(stage: string, table: string): Record<string, ColumnType> {
  const t = tableSchemaOf(stage, table);
  return Object.fromEntries(Object.entries(t.columns).map(([c, s]) => [c, s.type as ColumnType]));
}
