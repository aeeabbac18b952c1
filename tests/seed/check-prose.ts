// CLI: npx tsx tests/seed/check-prose.ts [--content <dir>] [--criteria <dir>]
// Checks raw/2009/content/*.md and raw/2009/criteria/*.csv against the seed text.
// The options point the check at other directories (e.g. a copy with a deliberate change).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type CheckResult, checkCriteria, checkProse, FILES } from './prose-check.ts';

const root = resolve(import.meta.dirname, '../..');
const seedPath = resolve(root, '../shared/seed/000_dfa530037c200548.txt');

const option = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? resolve(process.argv[at + 1]) : fallback;
};
const contentDir = option('--content', join(root, 'raw/2009/content'));
const criteriaDir = option('--criteria', join(root, 'raw/2009/criteria'));

const read = (path: string): string | undefined =>
  existsSync(path) ? readFileSync(path, 'utf8') : undefined;

const seed = readFileSync(seedPath, 'utf8');
const files = Object.fromEntries(FILES.map((f) => [f, read(join(contentDir, f))]));
const results: CheckResult[] = [
  ...checkProse(seed, files),
  ...checkCriteria(
    seed,
    read(join(criteriaDir, 'kriterier.csv')),
    read(join(criteriaDir, 'indikatorer.csv')),
  ),
];

let failed = 0;
for (const r of results) {
  console.log(r.ok ? `ok    ${r.id}` : `FAIL  ${r.id}: ${r.message}`);
  if (!r.ok) failed++;
}
console.log(`${results.length - failed}/${results.length} ok`);
process.exit(failed ? 1 : 0);
