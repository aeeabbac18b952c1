-- The analyst's review sheet (att_bedoma, rows from src/review.ts) as CSV at {{ var('file') }}, by entity.
COPY (SELECT * FROM att_bedoma ORDER BY entity_id) TO {{ var('file') }} (FORMAT csv, HEADER true);
