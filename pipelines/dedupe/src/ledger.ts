import { CheckError, type Duck, LEDGER_COLUMNS, lit } from '@kk/core';

/**
 * Writes the ledger (one row per source-list row, sorted by file and line) and checks that no row was lost:
 * it has exactly as many rows as ingest's candidates.
 */
export async function writeLedger(duck: Duck, path: string): Promise<number> {
  const rows = Number(await duck.value('SELECT count(*) FROM dd_out_ledger'));
  const raw = Number(await duck.value('SELECT count(*) FROM dd_candidates_in'));
  if (rows !== raw) {
    throw new CheckError(
      `ledger has ${rows} rows but the source lists have ${raw}: a row was lost or doubled`,
    );
  }
  await duck.run(
    `COPY (SELECT ${LEDGER_COLUMNS.join(', ')} FROM dd_out_ledger ORDER BY source_file, source_line)
     TO ${lit(path)} (FORMAT csv, HEADER true)`,
  );
  return rows;
}
