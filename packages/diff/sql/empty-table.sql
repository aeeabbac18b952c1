-- A table an edition lacks: there, empty, with every column the diff reads ({{ var('columns') }}: CAST(NULL AS type) AS name).
CREATE OR REPLACE TABLE {{ var('target') }} AS SELECT {{ var('columns') }} LIMIT 0;
