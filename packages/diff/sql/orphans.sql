-- The entities of edition {{ var('p') }} that have no partner by id in the other edition (kkdiff_orphan_ids, side {{ var('side') }}),
-- one record each in the shape of the dedupe stage's matching (@kk/dedupe/matching): the fact sheet's values
-- where it has them, else what its source-list rows say. Only these entities' rows are read.
INSERT INTO kkdiff_orphans
WITH ids AS (SELECT entity_id FROM kkdiff_orphan_ids WHERE side = {{ var('side') }}),
members AS (
  SELECT m.entity_id, c.*
  FROM (SELECT * FROM {{ var('p') }}_t_membership WHERE entity_id IN (SELECT entity_id FROM ids)) m
  JOIN {{ var('p') }}_t_candidates c ON c.record_id = m.record_id
),
lists AS (
  SELECT
    entity_id,
    min(nullif(webb_canonical, '')) AS webb,
    min(nullif(adress, '')) AS adress,
    min(nullif(postnummer, '')) AS postnummer,
    min(nullif(kontakt_namn, '')) AS kontakt,
    list_distinct(flatten(list(coalesce(telefon_norm, []::VARCHAR[])))) AS telefon,
    list_distinct(flatten(list(coalesce(epost, []::VARCHAR[])))) AS epost
  FROM members GROUP BY entity_id
),
sheet AS (
  SELECT * FROM {{ var('p') }}_t_factsheets WHERE id IN (SELECT factsheet_id FROM {{ var('p') }}_entity WHERE entity_id IN (SELECT entity_id FROM ids))
)
SELECT
  {{ var('side') }} || ':' || e.entity_id AS record_id,
  e.entity_id,
  coalesce(nullif(f.rubrik, ''), e.namn) AS namn,
  coalesce(nullif(f.webb_canonical, ''), g.webb) AS webb,
  coalesce(nullif(f.adress, ''), g.adress) AS adress,
  coalesce(nullif(f.postnummer, ''), g.postnummer) AS postnummer,
  coalesce(nullif(f.kontakt_namn, ''), g.kontakt) AS kontakt,
  list_distinct(coalesce(f.telefon_norm, []::VARCHAR[]) || coalesce(g.telefon, []::VARCHAR[])) AS telefon,
  list_distinct(coalesce(f.epost, []::VARCHAR[]) || coalesce(g.epost, []::VARCHAR[])) AS epost
FROM (SELECT * FROM {{ var('p') }}_entity WHERE entity_id IN (SELECT entity_id FROM ids)) e
LEFT JOIN sheet f ON f.id = e.factsheet_id
LEFT JOIN lists g ON g.entity_id = e.entity_id;
