-- County × RAMS group for the statistics year var('ar'): employment, the group's share of the county's
-- employment, its LQ, the change from the year before when the data has it, and how many list-1 initiatives
-- in the county belong to the group.
WITH rams AS (SELECT * FROM {{ ref('measure') }} WHERE gruppering = 'rams'),
lista1 AS (
  SELECT el.lan_kod, es.rams_grupp, count(DISTINCT el.factsheet_id) AS n
  FROM {{ source('entity_lan') }} el
  JOIN {{ ref('entity_sector') }} es ON es.factsheet_id = el.factsheet_id
  JOIN {{ source('factsheets') }} f ON f.id = el.factsheet_id
  WHERE f.lista = 1
  GROUP BY el.lan_kod, es.rams_grupp
)
-- Sums come out of DuckDB as HUGEINT, which Parquet cannot hold; they are whole numbers of employed persons, so
-- BIGINT.
SELECT
  m.ar,
  m.lan_kod,
  l.lan_namn,
  m.kod AS rams_grupp,
  r.benamning AS bransch,
  m.varde::BIGINT AS sysselsatta,
  t.varde::BIGINT AS region_totalt,
  -- Share and LQ exact, each one division of whole numbers (see entity_employment.sql); rounded once where printed.
  m.varde::DOUBLE / nullif(t.varde, 0)::DOUBLE AS andel,
  n.varde::BIGINT AS sektor_riket,
  tn.varde::BIGINT AS riket_totalt,
  (m.varde::HUGEINT * tn.varde)::DOUBLE / nullif(t.varde::HUGEINT * n.varde, 0)::DOUBLE AS lq,
  CASE WHEN p.varde IS NOT NULL THEN p.ar END AS foregaende_ar,
  p.varde::BIGINT AS sysselsatta_foregaende,
  (m.varde - p.varde)::BIGINT AS forandring,
  coalesce(l1.n, 0) AS initiativ_lista1,
  m.saknade::BIGINT AS saknade_celler,
  ys.kalla,
  ys.tabell
FROM rams m
JOIN {{ source('ref_lan') }} l ON l.lan_kod = m.lan_kod
JOIN {{ source('ref_rams_grupper') }} r ON r.rams_grupp = m.kod
LEFT JOIN {{ ref('totals') }} t ON t.ar = m.ar AND t.lan_kod = m.lan_kod
LEFT JOIN rams n ON n.ar = m.ar AND n.lan_kod = '00' AND n.kod = m.kod
LEFT JOIN {{ ref('totals') }} tn ON tn.ar = m.ar AND tn.lan_kod = '00'
LEFT JOIN rams p ON p.ar = m.ar - 1 AND p.lan_kod = m.lan_kod AND p.kod = m.kod
LEFT JOIN lista1 l1 ON l1.lan_kod = m.lan_kod AND l1.rams_grupp = m.kod
LEFT JOIN {{ ref('year_source') }} ys ON ys.ar = m.ar
WHERE m.ar = {{ var('ar') }} AND m.lan_kod <> '00'
