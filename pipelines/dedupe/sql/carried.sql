-- Labelled pairs from the previous edition: two records of this edition that were one entity there (their
-- keys, record-keys.sql: dd_previous_edition_keys, dd_input_keys) are one initiative for the estimation, never a
-- constraint: the clustering still decides. Leaves dd_carried_same (a, b: record_id).

CREATE OR REPLACE TABLE dd_carried_same AS
WITH carried AS (
  SELECT k.record_id, p.entity_id FROM dd_input_keys k JOIN dd_previous_edition_keys p USING (nyckel)
)
SELECT x.record_id AS a, y.record_id AS b
FROM carried x JOIN carried y ON x.entity_id = y.entity_id AND x.record_id < y.record_id
ORDER BY a, b;
