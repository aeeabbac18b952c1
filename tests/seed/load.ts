import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FactRecord, IndexEntry, Repair } from './factsheet-check.ts';

export const REPO = resolve(import.meta.dirname, '../..');
/** The published report's text; present on the developers' machines beside the repository, not in it. */
export const SEED_PATH = resolve(REPO, '../shared/seed/000_dfa530037c200548.txt');
export const HAVE_SEED = existsSync(SEED_PATH);

const FACTS = join(REPO, 'raw/2009/factsheets');

const readCsv = <T>(path: string): T[] => parse(readFileSync(path, 'utf8'), { columns: true }) as T[];

export function loadFactsheetCheckInputs(): {
  index: IndexEntry[];
  records: FactRecord[];
  repairs: Repair[];
} {
  const rows = readCsv<Record<string, string>>(join(FACTS, 'factsheets.csv'));
  const records: FactRecord[] = rows.map((row) => ({
    id: row.id,
    lista: row.lista as '1' | '2',
    rubrik: row.rubrik,
    fields: row,
    description: readFileSync(join(FACTS, 'descriptions', `${row.id}.md`), 'utf8'),
  }));
  return {
    index: rows as unknown as IndexEntry[],
    records,
    repairs: readCsv<Repair>(join(FACTS, 'repairs.csv')),
  };
}
