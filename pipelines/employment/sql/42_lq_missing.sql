-- Why an initiative has no location quotient for ${ar}: the missing cells (suppressed '..', '-', …) among its
-- inputs — its sector in its counties, its counties' totals, its sector in the country, the country's total —
-- each with its place in the file. An LQ is never computed over a missing value (strict_sum makes the input
-- unknown); this names what it lacks: lq_saknas_celler lists the places (file:line:column) of the first five
-- cells, which missing_cells describes. lq_saknas: 'undertryckt' (the file gives a symbol for the value),
-- 'saknas' (the file has no row for it), NULL when the LQ is there.
CREATE OR REPLACE TABLE lq_missing AS
WITH g AS (SELECT gruppering FROM chosen_grouping),
cells AS (
  SELECT mc.*, CASE (SELECT gruppering FROM g) WHEN 'rams' THEN mc.rams_grupp ELSE mc.sni_huvudgrupp END AS kod
  FROM missing_cells mc
  WHERE mc.ar = ${ar}
),
targets AS (
  SELECT e.factsheet_id, e.rad, e.lan_kod, e.sysselsatta IS NULL AS s, e.region_totalt IS NULL AS r,
         e.sektor_riket IS NULL AS n, e.riket_totalt IS NULL AS t
  FROM entity_employment e
  WHERE e.lq IS NULL
),
counties AS (
  SELECT t.factsheet_id, t.rad, t.lan_kod AS rad_lan, el.lan_kod
  FROM targets t
  JOIN entity_lan el ON el.factsheet_id = t.factsheet_id AND (t.rad = 'alla' OR el.lan_kod = t.lan_kod)
),
hits AS (
  SELECT DISTINCT t.factsheet_id, t.rad, t.lan_kod, c.plats, c.fil, c.rad AS rad_nr, c.kolumn
  FROM targets t
  JOIN cells c ON
    t.t
    OR (t.n AND c.kod IN (SELECT kod FROM entity_codes ec WHERE ec.factsheet_id = t.factsheet_id))
    OR ((t.r OR t.s) AND c.lan_kod IN (
          SELECT lan_kod FROM counties k
          WHERE k.factsheet_id = t.factsheet_id AND k.rad = t.rad AND k.rad_lan IS NOT DISTINCT FROM t.lan_kod)
        AND (t.r OR c.kod IN (SELECT kod FROM entity_codes ec WHERE ec.factsheet_id = t.factsheet_id)))
),
listed AS (
  SELECT factsheet_id, rad, lan_kod, count(*) AS n,
         list(plats ORDER BY fil, rad_nr, kolumn)[1:5] AS forsta
  FROM hits
  GROUP BY factsheet_id, rad, lan_kod
)
SELECT t.factsheet_id, t.rad, t.lan_kod,
       CASE WHEN l.n > 0 THEN 'undertryckt' ELSE 'saknas' END AS lq_saknas,
       CASE WHEN l.n > 5 THEN array_to_string(l.forsta, '; ') || '; … (' || l.n || ' celler)'
            ELSE array_to_string(l.forsta, '; ') END AS lq_saknas_celler
FROM targets t
LEFT JOIN listed l ON l.factsheet_id = t.factsheet_id AND l.rad = t.rad AND l.lan_kod IS NOT DISTINCT FROM t.lan_kod;

-- The reasons as the last columns of entity_employment (its order is fixed at export).
CREATE OR REPLACE TABLE entity_employment AS
SELECT e.*, m.lq_saknas, m.lq_saknas_celler
FROM entity_employment e
LEFT JOIN lq_missing m ON m.factsheet_id = e.factsheet_id AND m.rad = e.rad AND m.lan_kod IS NOT DISTINCT FROM e.lan_kod;
