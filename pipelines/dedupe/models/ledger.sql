-- ledger: one row per source-list row and the entity it ended in; the criteria stage fills outcome and reason.
SELECT source_file, source_line, raw_name, entity_id, entity_name, outcome, reason
FROM {{ source('dd_out_ledger') }}
