import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Duck, fillSql } from '@kk/core';

const SQL_DIR = join(import.meta.dirname, '..', 'sql');

/** The text of one of this stage's .sql files, with `{{ var('name') }}` placeholders filled. */
export function sqlText(name: string, params: Record<string, string> = {}): string {
  return fillSql(readFileSync(join(SQL_DIR, name), 'utf8'), params);
}

/** Runs one of this stage's .sql files. */
export async function runSql(duck: Duck, name: string, params: Record<string, string> = {}): Promise<void> {
  await duck.run(sqlText(name, params));
}

/** Runs a query file and returns its rows. */
export async function querySql<T>(
  duck: Duck,
  name: string,
  params: Record<string, string> = {},
): Promise<T[]> {
  return duck.rows<T>(sqlText(name, params).replace(/;\s*$/, ''));
}
