-- The ledger the criteria stage completes: one row per source-list row, outcome and reason still empty.
SELECT
  source_file,
  source_line,
  namn AS raw_name,
  entity_id,
  entity_namn AS entity_name,
  NULL::VARCHAR AS outcome,
  NULL::VARCHAR AS reason
FROM {{ ref('membership') }}
WHERE slag = 'källa'
