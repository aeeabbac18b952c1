// A `samma` decision must not undo the meeting's decisions: two entities judged separately in
// criteria/initiativ.csv (each with its own row, its decision and its six assessments) cannot be made one by the
// matching alone, or the criteria stage would later find one of the two rows without an entity and stop far from
// the line that caused it. The decision is refused at its own line, naming the rows of initiativ.csv.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Duck, displayPath, type Edition, InputError, readCsv, ref, refPath, shown } from '@kk/core';
import type { Decision } from './decisions.ts';

/** The assessments file of the criteria stage, relative to the edition folder (read for its entity ids only). */
export const ASSESSMENTS_FILE = join('criteria', 'initiativ.csv');

/**
 * Refuses a `samma` decision whose two sides were in two different entities, each assessed in initiativ.csv,
 * in this edition's last run or in the previous edition (the entities the assessments were written for).
 * Needs dd_input_keys and, when the previous edition was built, dd_previous_edition_keys (record-keys.sql).
 */
export async function checkDecisionsAgainstAssessments(
  duck: Duck,
  edition: Edition,
  decisions: Decision[],
  decisionsFile: string,
  sql: (file: string) => string,
): Promise<void> {
  const same = decisions.filter((d) => d.same);
  const path = join(edition.rawDir, ASSESSMENTS_FILE);
  if (same.length === 0 || !existsSync(path)) return;
  const assessed = new Map<string, number>();
  for (const row of readCsv(path, { encoding: 'utf-8' }).rows) {
    if (row.record.entity_id) assessed.set(row.record.entity_id, row.line);
  }
  const sources: string[] = [];
  if (await duck.hasTable('dd_previous_edition_keys')) sources.push('dd_previous_edition_keys');
  // This edition's last run: the entities the analyst saw when assessing.
  if (existsSync(refPath(edition, 'dedupe', 'membership'))) {
    await membershipKeys(duck, edition, 'dd_last_run_keys', sql);
    sources.push('dd_last_run_keys');
  }
  if (sources.length === 0) return;
  const earlier = new Map<string, Set<string>>();
  for (const keys of sources)
    for (const r of await duck.rowsOfFile<{ record_id: string; entity_id: string }>(
      sql('earlier-entities.sql'),
      { keys },
    ))
      earlier.set(r.record_id, (earlier.get(r.record_id) ?? new Set()).add(r.entity_id));
  const file = displayPath(path);
  for (const d of same) {
    for (const [a, b] of d.pairs) {
      for (const ea of earlier.get(a) ?? []) {
        for (const eb of earlier.get(b) ?? []) {
          const la = assessed.get(ea);
          const lb = assessed.get(eb);
          if (ea === eb || la === undefined || lb === undefined) continue;
          throw new InputError(
            { file: decisionsFile, line: d.line },
            `samma only between entities not judged separately in ${file} (to join two assessed entities, first make their rows there one, or write olika)`,
            `samma between ${shown(ea)} (${file}:${la}) and ${shown(eb)} (${file}:${lb})`,
          );
        }
      }
    }
  }
}

/** The keys of an edition's published membership (record-keys.sql), into `out`; dd_input_keys beside it. */
export async function membershipKeys(
  duck: Duck,
  edition: Edition,
  out: string,
  sql: (file: string) => string,
): Promise<void> {
  await duck.runFile(sql('record-keys.sql'), {
    membership: await ref(duck, edition, 'dedupe', 'membership', [
      'record_id',
      'slag',
      'source_file',
      'source_line',
      'namn',
      'entity_id',
    ]),
    out,
  });
}
