-- Labelled pairs from the previous edition (${previous}, its dedupe membership): two records of this edition
-- that were one entity there are one initiative for the estimation (never a constraint: the clustering still
-- decides). A record is known, as in changes.sql, by its fact sheet or by its list and name (and which of the
-- rows of that name it is), not by its line. Leaves dd_carried_same (a, b: record_id).

CREATE OR REPLACE TABLE dd_carried_same AS
WITH
prev AS (
  SELECT
    CASE WHEN slag = 'faktablad' THEN record_id
      ELSE source_file || '|' || trim(namn) || '|' || row_number() OVER (PARTITION BY source_file, trim(namn) ORDER BY source_line)
    END AS nyckel,
    entity_id
  FROM ${previous}
),
now AS (
  SELECT
    record_id,
    CASE WHEN faktablad THEN record_id
      ELSE source_file || '|' || trim(namn) || '|' || row_number() OVER (PARTITION BY source_file, trim(namn) ORDER BY source_line)
    END AS nyckel
  FROM dd_input
),
carried AS (
  SELECT n.record_id, p.entity_id FROM now n JOIN prev p USING (nyckel)
)
SELECT x.record_id AS a, y.record_id AS b
FROM carried x JOIN carried y ON x.entity_id = y.entity_id AND x.record_id < y.record_id
ORDER BY a, b;
