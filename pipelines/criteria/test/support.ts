// A stand-in for the dedupe stage's outputs, built from the ground truth of the 2009 source lists
// (tests/fixtures/dedupe/truth-2009.csv): entities.parquet, ledger.csv and a manifest, as dedupe writes them.
// It lets the criteria stage be tested on its own, whatever state the real entity resolution is in.
// The truth gives which rows are one entity; the ids follow dedupe's rule (a fact sheet's id, else the slug of the
// name the lists use most), which is what the assessments are keyed on.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duck, type Edition, lit, loadRows, REPO_ROOT, runStage } from '@kk/core';
import { type TempEdition, tempEdition } from '../../../tests/support/edition.ts';
import { slugify } from '../../dedupe/src/entities.ts';
import ingest from '../../ingest/src/stage.ts';

export const TRUTH_2009 = join(REPO_ROOT, 'tests', 'fixtures', 'dedupe', 'truth-2009.csv');

export async function writeStandInDedupe(edition: Edition, truth = TRUTH_2009): Promise<void> {
  const ingest = join(edition.buildDir, 'ingest');
  const out = join(edition.buildDir, 'dedupe');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const duck = await Duck.open();
  try {
    await duck.run(`CREATE TABLE truth AS SELECT 'sources/' || fil AS source_file, rad::INTEGER AS source_line, entity
                    FROM read_csv(${lit(truth)}, header = true, all_varchar = true)`);
    await duck.run(
      `CREATE TABLE cand AS SELECT * FROM read_parquet(${lit(join(ingest, 'candidates.parquet'))})`,
    );
    await duck.run(
      `CREATE TABLE fs AS SELECT * FROM read_parquet(${lit(join(ingest, 'factsheets.parquet'))})`,
    );
    await duck.run(`CREATE TABLE rows AS
      SELECT c.source_file, c.source_line, c.namn AS raw_name, t.entity AS entity_id
      FROM cand AS c JOIN truth AS t USING (source_file, source_line)`);
    await duck.run(`CREATE TABLE groups AS
      SELECT r.entity_id AS truth_id,
             any_value(f.id) AS factsheet_id,
             any_value(f.tabellnamn) AS tabellnamn,
             (SELECT raw_name FROM rows AS x WHERE x.entity_id = r.entity_id
              GROUP BY raw_name ORDER BY count(*) DESC, raw_name LIMIT 1) AS preferred
      FROM rows AS r LEFT JOIN fs AS f ON f.id = r.entity_id
      GROUP BY r.entity_id`);
    const groups = await duck.rows<{
      truth_id: string;
      factsheet_id: string | null;
      tabellnamn: string | null;
      preferred: string;
    }>('SELECT * FROM groups ORDER BY truth_id');
    await loadRows(
      duck,
      'ids',
      { truth_id: 'VARCHAR', entity_id: 'VARCHAR', namn: 'VARCHAR', factsheet_id: 'VARCHAR' },
      groups.map((g) => ({
        truth_id: g.truth_id,
        entity_id: g.factsheet_id ?? slugify(g.preferred),
        namn: g.tabellnamn ?? g.preferred,
        factsheet_id: g.factsheet_id,
      })),
      join(out, '.ids.ndjson'),
    );
    await duck.run('UPDATE rows SET entity_id = ids.entity_id FROM ids WHERE rows.entity_id = ids.truth_id');
    await duck.run('CREATE TABLE entities AS SELECT entity_id, namn, factsheet_id FROM ids');
    await duck.run(
      `COPY (SELECT * FROM entities ORDER BY entity_id) TO ${lit(join(out, 'entities.parquet'))} (FORMAT parquet)`,
    );
    await duck.run(`CREATE TABLE ledger AS
      SELECT r.source_file, r.source_line, r.raw_name, r.entity_id, e.namn AS entity_name,
             NULL::VARCHAR AS outcome, NULL::VARCHAR AS reason
      FROM rows AS r JOIN entities AS e USING (entity_id)
      ORDER BY r.source_file, r.source_line`);
    await duck.run(`COPY ledger TO ${lit(join(out, 'ledger.parquet'))} (FORMAT parquet)`);
    await duck.run(`COPY ledger TO ${lit(join(out, 'ledger.csv'))} (FORMAT csv, HEADER true)`);
  } finally {
    duck.close();
  }
  const manifest = {
    stage: 'dedupe',
    edition: edition.year,
    inputs: {},
    upstream: {},
    code: 'stand-in',
    outputs: { 'entities.parquet': 'stand-in', 'ledger.parquet': 'stand-in', 'ledger.csv': 'stand-in' },
    rows: {},
    warnings: [],
    tools: {},
    duration_ms: 0,
  };
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

let template: TempEdition | undefined;

/**
 * A temporary copy of the 2009 edition with the ingest outputs and the dedupe stand-in in place, ready for
 * the criteria stage. Ingest runs once per test file; each call copies its outputs.
 */
export async function preparedEdition(): Promise<TempEdition> {
  if (!template) {
    template = tempEdition(2009);
    await runStage(ingest, template.edition);
    await writeStandInDedupe(template.edition);
  }
  const t = tempEdition(2009);
  for (const stage of ['ingest', 'dedupe']) {
    cpSync(join(template.edition.buildDir, stage), join(t.edition.buildDir, stage), { recursive: true });
  }
  return t;
}

export function cleanupTemplate(): void {
  template?.cleanup();
  template = undefined;
}
