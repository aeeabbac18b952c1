-- How a record is known across runs and editions: by its fact sheet, or by its list and name (and which of the
-- rows of that name in the list it is), never by its line, so that rows inserted above it change nothing.
-- Leaves {{ var('out') }} (nyckel, entity_id): the keys of a published membership ({{ var('membership') }}); and dd_input_keys
-- (record_id, nyckel): the keys of this run's records.

CREATE OR REPLACE TABLE {{ var('out') }} AS
SELECT
  CASE WHEN slag = 'faktablad' THEN record_id
    ELSE source_file || '|' || trim(namn) || '|' || row_number() OVER (PARTITION BY source_file, trim(namn) ORDER BY source_line)
  END AS nyckel,
  entity_id
FROM {{ var('membership') }};

CREATE OR REPLACE TABLE dd_input_keys AS
SELECT
  record_id,
  CASE WHEN faktablad THEN record_id
    ELSE source_file || '|' || trim(namn) || '|' || row_number() OVER (PARTITION BY source_file, trim(namn) ORDER BY source_line)
  END AS nyckel
FROM dd_input;
