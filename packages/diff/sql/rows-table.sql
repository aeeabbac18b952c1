-- A table from rows handed over as newline-delimited JSON (an edition made of rows, for tests).
CREATE OR REPLACE TABLE {{ var('table') }} AS SELECT * FROM read_json({{ var('file') }}, format = 'newline_delimited');
