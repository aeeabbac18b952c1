// CLI: npx tsx tests/seed/check-factsheets.ts [--part <name>]
// Without --part it checks the assembled raw/2009/factsheets/factsheets.csv with repairs.csv.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { type FactRecord, type IndexEntry, type Repair, checkFactsheets } from './factsheet-check.ts';

const root = resolve(import.meta.dirname, '../..');
const dir = join(root, 'raw/2009/factsheets');
const seedPath = resolve(root, '../shared/seed/000_dfa530037c200548.txt');

const readCsv = <T>(path: string): T[] =>
  existsSync(path) ? (parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as T[]) : [];

const arg = process.argv.indexOf('--part');
const part = arg >= 0 ? process.argv[arg + 1] : undefined;
const index = readCsv<IndexEntry>(join(dir, 'index.csv'));
const rows = readCsv<Record<string, string>>(part ? join(dir, 'parts', `${part}.csv`) : join(dir, 'factsheets.csv'));
const repairs = readCsv<Repair>(part ? join(dir, 'parts', `${part}-repairs.csv`) : join(dir, 'repairs.csv'));
const lista = new Map(index.map((e) => [e.id, e]));

const records: FactRecord[] = rows.map((row) => {
  const entry = lista.get(row.id);
  if (!entry) throw new Error(`unknown id ${row.id}`);
  const descPath = join(dir, 'descriptions', `${row.id}.md`);
  return {
    id: row.id,
    lista: entry.lista as '1' | '2',
    rubrik: entry.rubrik,
    fields: row,
    description: existsSync(descPath) ? readFileSync(descPath, 'utf8') : '',
  };
});

const results = checkFactsheets(readFileSync(seedPath, 'utf8'), index, records, repairs);
let failed = 0;
for (const r of results) {
  console.log(r.ok ? `ok    ${r.id}` : `FAIL  ${r.id}: ${r.message}`);
  if (!r.ok) failed++;
}
console.log(`${results.length - failed}/${results.length} ok`);
process.exit(failed ? 1 : 0);
