-- Figures the reconciliation compares (see src/reconcile.ts); one row.
WITH raw_keys AS (
  SELECT source_file::VARCHAR AS source_file, source_line::VARCHAR AS source_line FROM candidates
),
ledger_keys AS (
  SELECT source_file::VARCHAR AS source_file, source_line::VARCHAR AS source_line FROM out.ledger
),
per_list AS (
  SELECT outcome, count(DISTINCT entity_id) AS n FROM out.ledger GROUP BY outcome
)
SELECT
  (SELECT count(*) FROM candidates) AS raw_rows,
  (SELECT count(*) FROM out.ledger) AS ledger_rows,
  (SELECT count(*) FROM (SELECT * FROM raw_keys EXCEPT ALL SELECT * FROM ledger_keys)) AS raw_not_in_ledger,
  (SELECT count(*) FROM (SELECT * FROM ledger_keys EXCEPT ALL SELECT * FROM raw_keys)) AS ledger_not_in_raw,
  (SELECT count(*) FROM out.ledger WHERE outcome IS NULL OR outcome NOT IN ${outcomes}) AS without_outcome,
  (SELECT count(*) FROM out.ledger WHERE entity_id IS NULL OR entity_id NOT IN (SELECT entity_id FROM entities)) AS unknown_entity,
  (SELECT count(*) FROM entities WHERE entity_id NOT IN (SELECT entity_id FROM out.ledger WHERE entity_id IS NOT NULL)) AS entities_without_rows,
  coalesce((SELECT n FROM per_list WHERE outcome = 'list1'), 0) AS ledger_list1,
  coalesce((SELECT n FROM per_list WHERE outcome = 'list2-strategic'), 0) AS ledger_list2_strategic,
  coalesce((SELECT n FROM per_list WHERE outcome = 'list2-transnational'), 0) AS ledger_list2_transnational,
  coalesce((SELECT n FROM per_list WHERE outcome = 'rejected'), 0) AS ledger_rejected,
  (SELECT count(*) FROM out.lista1) AS list1,
  (SELECT count(*) FROM out.lista2 WHERE typ = 'strategiskt') AS list2_strategic,
  (SELECT count(*) FROM out.lista2 WHERE typ = 'transnationellt') AS list2_transnational,
  (SELECT count(*) FROM out.bortsorterade) AS rejected
