// Rewrites tests/fixtures/dedupe/pairs-2009.csv from the truth and the current 2009 source lists:
//   npx tsx pipelines/dedupe/test/write-pairs-2009.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveLabelledPairs, ingested, PAIRS_2009 } from './support.ts';

const t = await ingested(2009);
try {
  const text = await deriveLabelledPairs(join(t.edition.buildDir, 'ingest', 'candidates.parquet'));
  writeFileSync(PAIRS_2009, text);
  console.log(`wrote ${PAIRS_2009}: ${text.trim().split('\n').length - 1} labelled pairs`);
} finally {
  t.cleanup();
}
