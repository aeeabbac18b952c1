-- The list rows whose name only one row of their list has, in this edition and in the previous one: their key
-- (list and name, record-keys.sql) cannot have slid to another row of the same name inserted above them, so a
-- fact sheet may keep them by last year's entity. A row of a name the list writes twice is left to the scores.
WITH
now AS (
  SELECT record_id, regexp_replace(nyckel, '\|[0-9]+$', '') AS stem,
    count(*) OVER (PARTITION BY regexp_replace(nyckel, '\|[0-9]+$', '')) AS n
  FROM dd_input_keys
),
before AS (
  SELECT regexp_replace(nyckel, '\|[0-9]+$', '') AS stem, count(*) AS n
  FROM dd_previous_edition_keys
  GROUP BY 1
)
SELECT now.record_id
FROM now JOIN before USING (stem)
WHERE now.n = 1 AND before.n = 1
