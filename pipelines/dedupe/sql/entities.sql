-- The preferred name of every entity (dd_cluster): the fact sheet's heading where the entity has one, else the
-- name the lists use most; ties go to a name that is not a bare acronym, then one without legal forms and
-- filler words, then one with Swedish or Danish letters (the original spelling), then the shorter, then the
-- first in alphabetical order. Nothing depends on row order.

CREATE OR REPLACE TABLE dd_entity_names AS
WITH
m AS (
  SELECT c.cluster, i.faktablad, i.faktablad_id, trim(i.namn) AS namn, r.bare_acronym, r.dropped_words,
    r.domain_label
  FROM dd_cluster c
  JOIN dd_records r USING (rid)
  JOIN dd_input i ON i.record_id = r.record_id
),
fs AS (
  SELECT cluster, min(faktablad_id) AS faktablad_id, min(namn) AS rubrik FROM m WHERE faktablad GROUP BY cluster
),
spellings AS (
  SELECT cluster, namn, count(*) AS n, bool_or(bare_acronym) AS bare, min(dropped_words) AS dropped,
    regexp_matches(namn, '[^\x00-\x7F]') AS original
  FROM m WHERE NOT faktablad GROUP BY cluster, namn
),
preferred AS (
  SELECT cluster, namn FROM (
    SELECT cluster, namn, row_number() OVER (
      PARTITION BY cluster ORDER BY n DESC, bare, dropped, original DESC, length(namn), namn) AS k
    FROM spellings)
  WHERE k = 1
),
domains AS (
  SELECT cluster, domain_label FROM (
    SELECT cluster, domain_label, row_number() OVER (
      PARTITION BY cluster ORDER BY count(*) DESC, domain_label) AS k
    FROM m WHERE domain_label IS NOT NULL GROUP BY cluster, domain_label)
  WHERE k = 1
),
all_names AS (SELECT cluster, list(DISTINCT namn ORDER BY namn) AS namn_alla FROM m GROUP BY cluster)
SELECT
  a.cluster,
  fs.faktablad_id,
  coalesce(fs.rubrik, p.namn) AS namn,
  d.domain_label AS doman,
  a.namn_alla
FROM all_names a
LEFT JOIN fs USING (cluster)
LEFT JOIN preferred p USING (cluster)
LEFT JOIN domains d USING (cluster);
