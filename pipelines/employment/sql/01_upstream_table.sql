-- An ingest table as this stage reads it ({{ var('source') }}: ref() of the named columns), under its own name.
CREATE OR REPLACE TABLE {{ var('table') }} AS SELECT * FROM {{ var('source') }};
