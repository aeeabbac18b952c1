-- changes: one row per change since the previous edition, as the comparison (packages/diff) found them.
SELECT ordning, typ, nullif(entity_a, '') AS entity_a, nullif(entity_b, '') AS entity_b, namn, falt, fran, till
FROM {{ source('stg_changes') }}
