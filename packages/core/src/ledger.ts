/**
 * The columns of `build/<year>/ledger.csv`, one row per raw source record (the README's Words table: ledger,
 * utfall, skäl): the dedupe stage writes the ledger, the criteria stage fills `outcome` and `reason`, the diff
 * and the tests read it.
 */
export const LEDGER_COLUMNS = [
  'source_file',
  'source_line',
  'raw_name',
  'entity_id',
  'entity_name',
  'outcome',
  'reason',
] as const;
