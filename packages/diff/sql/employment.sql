-- The employment changes for the side-by-side table: at most {{ var('limit') }} rows, by name in Swedish order.
SELECT * FROM kkdiff_employment ORDER BY namn COLLATE sv, entity_b LIMIT {{ var('limit') }}
