// CLI: npx tsx tests/seed/check-factsheets.ts — compares raw/2009/factsheets with the seed, field by field.
import { readFileSync } from 'node:fs';
import { checkFactsheets } from './factsheet-check.ts';
import { loadFactsheetCheckInputs, SEED_PATH } from './load.ts';

const { index, records, repairs } = loadFactsheetCheckInputs();
const results = checkFactsheets(readFileSync(SEED_PATH, 'utf8'), index, records, repairs);
let failed = 0;
for (const r of results) {
  console.log(r.ok ? `ok    ${r.id}` : `FAIL  ${r.id}: ${r.message}`);
  if (!r.ok) failed++;
}
console.log(`${results.length - failed}/${results.length} ok`);
process.exit(failed ? 1 : 0);
