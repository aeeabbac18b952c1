-- County × RAMS group for the statistics year ${ar}: employment, the group's share of the county's
-- employment, its LQ, the change from the year before when the data has it, and how many list-1 initiatives
-- in the county belong to the group.
CREATE OR REPLACE TABLE lan_sector AS
WITH rams AS (SELECT * FROM measure WHERE gruppering = 'rams'),
lista1 AS (
  SELECT el.lan_kod, es.rams_grupp, count(DISTINCT el.factsheet_id) AS n
  FROM entity_lan el
  JOIN entity_sector es ON es.factsheet_id = el.factsheet_id
  JOIN factsheets f ON f.id = el.factsheet_id
  WHERE f.lista = 1
  GROUP BY el.lan_kod, es.rams_grupp
)
SELECT
  m.ar,
  m.lan_kod,
  l.lan_namn,
  m.kod AS rams_grupp,
  r.benamning AS bransch,
  m.varde AS sysselsatta,
  t.varde AS region_totalt,
  -- Share and LQ exact, each one division of whole numbers (see 40_entity_employment.sql); rounded once where printed.
  m.varde::DOUBLE / nullif(t.varde, 0)::DOUBLE AS andel,
  n.varde AS sektor_riket,
  tn.varde AS riket_totalt,
  (m.varde::HUGEINT * tn.varde)::DOUBLE / nullif(t.varde::HUGEINT * n.varde, 0)::DOUBLE AS lq,
  CASE WHEN p.varde IS NOT NULL THEN p.ar END AS foregaende_ar,
  p.varde AS sysselsatta_foregaende,
  m.varde - p.varde AS forandring,
  coalesce(l1.n, 0) AS initiativ_lista1,
  m.saknade AS saknade_celler,
  ys.kalla,
  ys.tabell
FROM rams m
JOIN ref_lan l ON l.lan_kod = m.lan_kod
JOIN ref_rams_grupper r ON r.rams_grupp = m.kod
LEFT JOIN totals t ON t.ar = m.ar AND t.lan_kod = m.lan_kod
LEFT JOIN rams n ON n.ar = m.ar AND n.lan_kod = '00' AND n.kod = m.kod
LEFT JOIN totals tn ON tn.ar = m.ar AND tn.lan_kod = '00'
LEFT JOIN rams p ON p.ar = m.ar - 1 AND p.lan_kod = m.lan_kod AND p.kod = m.kod
LEFT JOIN lista1 l1 ON l1.lan_kod = m.lan_kod AND l1.rams_grupp = m.kod
LEFT JOIN year_source ys ON ys.ar = m.ar
WHERE m.ar = ${ar} AND m.lan_kod <> '00';
