import { CheckError, type Duck } from '@kk/core';

/** Checks that no source-list row was lost or doubled: the ledger has exactly as many rows as ingest's candidates. */
export async function checkLedger(duck: Duck): Promise<void> {
  const rows = Number(await duck.value('SELECT count(*) FROM dd_out_ledger'));
  const raw = Number(await duck.value('SELECT count(*) FROM dd_candidates_in'));
  if (rows !== raw) {
    throw new CheckError(
      `ledger has ${rows} rows but the source lists have ${raw}: a row was lost or doubled`,
    );
  }
}
