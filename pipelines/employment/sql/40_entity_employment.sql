-- Sector employment of each initiative in each of its counties and in all of them together (rad 'alla'),
-- for the statistics year ${ar} and the year before, with the county's and the country's totals and the
-- location quotient LQ = (e_sector,region / e_region) / (e_sector,nation / e_nation), computed as the one division
-- (e_sector,region × e_nation) / (e_region × e_sector,nation).
-- The sector is the initiative's SNI 2007 divisions when the data has divisions for ${ar}, else its RAMS group.
CREATE OR REPLACE TABLE chosen_grouping AS
SELECT CASE WHEN EXISTS (SELECT 1 FROM grouping_source WHERE ar = ${ar} AND gruppering = 'sni_huvudgrupp')
            THEN 'sni_huvudgrupp' ELSE 'rams' END AS gruppering;

CREATE OR REPLACE TABLE entity_codes AS
SELECT es.factsheet_id,
       unnest(CASE g.gruppering WHEN 'rams' THEN [es.rams_grupp] ELSE string_split(es.sni_huvudgrupper, ';') END) AS kod
FROM entity_sector es, chosen_grouping g;

CREATE OR REPLACE TABLE entity_values AS
WITH years AS (SELECT unnest([${ar}, ${ar} - 1]) AS ar),
m AS (SELECT * FROM measure WHERE gruppering = (SELECT gruppering FROM chosen_grouping)),
-- Every initiative × county × year, also where the data lacks the county: a gap must show as unknown.
grid AS (
  SELECT DISTINCT el.factsheet_id, el.lan_kod, y.ar
  FROM entity_lan el
  SEMI JOIN entity_sector es ON es.factsheet_id = el.factsheet_id
  CROSS JOIN years y
),
sector AS (
  SELECT g.factsheet_id, g.lan_kod, g.ar, strict_sum(m.varde) AS varde, sum(m.saknade) AS saknade
  FROM grid g
  JOIN entity_codes ec ON ec.factsheet_id = g.factsheet_id
  LEFT JOIN m ON m.ar = g.ar AND m.lan_kod = g.lan_kod AND m.kod = ec.kod
  GROUP BY g.factsheet_id, g.lan_kod, g.ar
),
nation AS (
  SELECT ec.factsheet_id, y.ar, strict_sum(m.varde) AS varde
  FROM entity_codes ec
  CROSS JOIN years y
  LEFT JOIN m ON m.ar = y.ar AND m.lan_kod = '00' AND m.kod = ec.kod
  GROUP BY ec.factsheet_id, y.ar
),
per_lan AS (
  SELECT s.factsheet_id, 'lan' AS rad, s.lan_kod, s.ar, s.varde AS sysselsatta, t.varde AS region_totalt, s.saknade
  FROM sector s
  LEFT JOIN totals t ON t.ar = s.ar AND t.lan_kod = s.lan_kod
),
together AS (
  SELECT factsheet_id, 'alla' AS rad, NULL::VARCHAR AS lan_kod, ar,
         strict_sum(sysselsatta) AS sysselsatta, strict_sum(region_totalt) AS region_totalt, sum(saknade) AS saknade
  FROM per_lan
  GROUP BY factsheet_id, ar
),
rows AS (SELECT * FROM per_lan UNION ALL SELECT * FROM together)
SELECT r.*, n.varde AS sektor_riket, tn.varde AS riket_totalt
FROM rows r
JOIN nation n ON n.factsheet_id = r.factsheet_id AND n.ar = r.ar
LEFT JOIN totals tn ON tn.ar = r.ar AND tn.lan_kod = '00';

CREATE OR REPLACE TABLE entity_employment AS
WITH codes AS (
  SELECT factsheet_id, string_agg(kod, ';' ORDER BY kod) AS koder FROM entity_codes GROUP BY factsheet_id
),
lan_lists AS (
  SELECT factsheet_id, string_agg(DISTINCT lan_kod, ';' ORDER BY lan_kod) AS lan_koder FROM entity_lan GROUP BY factsheet_id
)
SELECT
  f.id AS factsheet_id,
  fe.entity_id,
  f.lista,
  f.ordning,
  f.rubrik AS namn,
  c.rad,
  c.lan_kod,
  ll.lan_koder,
  c.ar,
  es.rams_grupp,
  es.bransch,
  g.gruppering,
  CASE g.gruppering WHEN 'rams' THEN 'RAMS-branschgrupper (SNI 2007)' ELSE 'SNI 2007-huvudgrupper' END AS gruppering_text,
  codes.koder AS naringsgren_koder,
  c.sysselsatta,
  c.region_totalt,
  c.sektor_riket,
  c.riket_totalt,
  -- Exact, not rounded: each is one division of whole numbers (products in HUGEINT, well inside a double's 2^53),
  -- so the DOUBLE is the fraction correctly rounded; the report and the web edition round it once, as they print.
  c.sysselsatta::DOUBLE / nullif(c.region_totalt, 0)::DOUBLE AS andel_region,
  (c.sysselsatta::HUGEINT * c.riket_totalt)::DOUBLE / nullif(c.region_totalt::HUGEINT * c.sektor_riket, 0)::DOUBLE AS lq,
  CASE WHEN p.sysselsatta IS NOT NULL THEN p.ar END AS foregaende_ar,
  p.sysselsatta AS sysselsatta_foregaende,
  c.sysselsatta - p.sysselsatta AS forandring,
  round(100 * (c.sysselsatta - p.sysselsatta) / p.sysselsatta, 1) AS forandring_procent,
  c.saknade AS saknade_celler,
  ys.kalla,
  ys.tabell,
  ys.matt
FROM entity_values c
JOIN factsheets f ON f.id = c.factsheet_id
JOIN entity_sector es ON es.factsheet_id = c.factsheet_id
CROSS JOIN chosen_grouping g
JOIN codes ON codes.factsheet_id = c.factsheet_id
JOIN lan_lists ll ON ll.factsheet_id = c.factsheet_id
LEFT JOIN entity_values p
  ON p.factsheet_id = c.factsheet_id AND p.rad = c.rad AND p.lan_kod IS NOT DISTINCT FROM c.lan_kod AND p.ar = c.ar - 1
LEFT JOIN fs_entity fe ON fe.factsheet_id = c.factsheet_id
LEFT JOIN year_source ys ON ys.ar = c.ar
WHERE c.ar = ${ar};
