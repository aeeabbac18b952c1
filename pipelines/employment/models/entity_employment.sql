-- Sector employment of each initiative in each of its counties and in all of them together (rad 'alla'),
-- for the statistics year var('ar') and the year before, with the county's and the country's totals and the
-- location quotient LQ = (e_sector,region / e_region) / (e_sector,nation / e_nation), computed as the one division
-- (e_sector,region × e_nation) / (e_region × e_sector,nation).
WITH years AS (SELECT unnest([{{ var('ar') }}, {{ var('ar') }} - 1]) AS ar),
m AS (SELECT * FROM {{ ref('measure') }} WHERE gruppering = (SELECT gruppering FROM {{ ref('chosen_grouping') }})),
-- Every initiative × county × year, also where the data lacks the county: a gap must show as unknown.
grid AS (
  SELECT DISTINCT el.factsheet_id, el.lan_kod, y.ar
  FROM {{ source('entity_lan') }} el
  SEMI JOIN {{ ref('entity_sector') }} es ON es.factsheet_id = el.factsheet_id
  CROSS JOIN years y
),
sector AS (
  SELECT g.factsheet_id, g.lan_kod, g.ar, strict_sum(m.varde) AS varde, sum(m.saknade) AS saknade
  FROM grid g
  JOIN {{ ref('entity_codes') }} ec ON ec.factsheet_id = g.factsheet_id
  LEFT JOIN m ON m.ar = g.ar AND m.lan_kod = g.lan_kod AND m.kod = ec.kod
  GROUP BY g.factsheet_id, g.lan_kod, g.ar
),
nation AS (
  SELECT ec.factsheet_id, y.ar, strict_sum(m.varde) AS varde
  FROM {{ ref('entity_codes') }} ec
  CROSS JOIN years y
  LEFT JOIN m ON m.ar = y.ar AND m.lan_kod = '00' AND m.kod = ec.kod
  GROUP BY ec.factsheet_id, y.ar
),
per_lan AS (
  SELECT s.factsheet_id, 'lan' AS rad, s.lan_kod, s.ar, s.varde AS sysselsatta, t.varde AS region_totalt, s.saknade
  FROM sector s
  LEFT JOIN {{ ref('totals') }} t ON t.ar = s.ar AND t.lan_kod = s.lan_kod
),
together AS (
  SELECT factsheet_id, 'alla' AS rad, NULL::VARCHAR AS lan_kod, ar,
         strict_sum(sysselsatta) AS sysselsatta, strict_sum(region_totalt) AS region_totalt, sum(saknade) AS saknade
  FROM per_lan
  GROUP BY factsheet_id, ar
),
value_rows AS (SELECT * FROM per_lan UNION ALL SELECT * FROM together),
entity_values AS (
  SELECT r.*, n.varde AS sektor_riket, tn.varde AS riket_totalt
  FROM value_rows r
  JOIN nation n ON n.factsheet_id = r.factsheet_id AND n.ar = r.ar
  LEFT JOIN {{ ref('totals') }} tn ON tn.ar = r.ar AND tn.lan_kod = '00'
),
codes AS (
  SELECT factsheet_id, string_agg(kod, ';' ORDER BY kod) AS koder FROM {{ ref('entity_codes') }} GROUP BY factsheet_id
),
lan_lists AS (
  SELECT factsheet_id, string_agg(DISTINCT lan_kod, ';' ORDER BY lan_kod) AS lan_koder
  FROM {{ source('entity_lan') }} GROUP BY factsheet_id
),
figures AS (
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
  JOIN {{ source('factsheets') }} f ON f.id = c.factsheet_id
  JOIN {{ ref('entity_sector') }} es ON es.factsheet_id = c.factsheet_id
  CROSS JOIN {{ ref('chosen_grouping') }} g
  JOIN codes ON codes.factsheet_id = c.factsheet_id
  JOIN lan_lists ll ON ll.factsheet_id = c.factsheet_id
  LEFT JOIN entity_values p
    ON p.factsheet_id = c.factsheet_id AND p.rad = c.rad AND p.lan_kod IS NOT DISTINCT FROM c.lan_kod AND p.ar = c.ar - 1
  LEFT JOIN {{ ref('fs_entity') }} fe ON fe.factsheet_id = c.factsheet_id
  LEFT JOIN {{ ref('year_source') }} ys ON ys.ar = c.ar
  WHERE c.ar = {{ var('ar') }}
),
-- Why an initiative has no location quotient: the missing cells (suppressed '..', '-', …) among its inputs —
-- its sector in its counties, its counties' totals, its sector in the country, the country's total — each with
-- its place in the file. An LQ is never computed over a missing value (strict_sum makes the input unknown); this
-- names what it lacks: lq_saknas_celler lists the places (file:line:column) of the first five cells, which
-- missing_cells describes. lq_saknas: 'undertryckt' (the file gives a symbol for the value), 'saknas' (the file
-- has no row for it), NULL when the LQ is there.
cells AS (
  SELECT mc.*, CASE (SELECT gruppering FROM {{ ref('chosen_grouping') }}) WHEN 'rams' THEN mc.rams_grupp ELSE mc.sni_huvudgrupp END AS kod
  FROM {{ source('missing_cells') }} mc
  WHERE mc.ar = {{ var('ar') }}
),
targets AS (
  SELECT e.factsheet_id, e.rad, e.lan_kod, e.sysselsatta IS NULL AS s, e.region_totalt IS NULL AS r,
         e.sektor_riket IS NULL AS n, e.riket_totalt IS NULL AS t
  FROM figures e
  WHERE e.lq IS NULL
),
counties AS (
  SELECT t.factsheet_id, t.rad, t.lan_kod AS rad_lan, el.lan_kod
  FROM targets t
  JOIN {{ source('entity_lan') }} el ON el.factsheet_id = t.factsheet_id AND (t.rad = 'alla' OR el.lan_kod = t.lan_kod)
),
-- A cell counts once for a target, however many of its inputs lack it. Where the country's total is missing
-- (t), every missing cell of the year is behind it: those targets share the one list of all cells (all_listed)
-- rather than each being joined with every cell; the others gather the cells of their codes in the country (n),
-- of their counties (r), or of their codes in their counties (s).
places AS (SELECT DISTINCT plats, fil, rad AS rad_nr, kolumn, lan_kod, kod FROM cells),
all_listed AS (
  SELECT count(*) AS n, list(plats ORDER BY fil, rad_nr, kolumn)[1:5] AS forsta
  FROM places
  HAVING count(*) > 0
),
county_cells AS (
  SELECT t.factsheet_id, t.rad, t.lan_kod, t.r, c.plats, c.fil, c.rad_nr, c.kolumn, c.kod
  FROM targets t
  JOIN counties k ON k.factsheet_id = t.factsheet_id AND k.rad = t.rad AND k.rad_lan IS NOT DISTINCT FROM t.lan_kod
  JOIN places c ON c.lan_kod = k.lan_kod
  WHERE (t.r OR t.s) AND NOT t.t
),
hits AS (
  SELECT t.factsheet_id, t.rad, t.lan_kod, c.plats, c.fil, c.rad_nr, c.kolumn
  FROM targets t
  JOIN {{ ref('entity_codes') }} ec ON ec.factsheet_id = t.factsheet_id
  JOIN places c ON c.kod = ec.kod
  WHERE t.n AND NOT t.t
  UNION
  SELECT cc.factsheet_id, cc.rad, cc.lan_kod, cc.plats, cc.fil, cc.rad_nr, cc.kolumn
  FROM county_cells cc
  WHERE cc.r
     OR EXISTS (SELECT 1 FROM {{ ref('entity_codes') }} ec WHERE ec.factsheet_id = cc.factsheet_id AND ec.kod = cc.kod)
),
listed AS (
  SELECT factsheet_id, rad, lan_kod, count(*) AS n,
         list(plats ORDER BY fil, rad_nr, kolumn)[1:5] AS forsta
  FROM hits
  GROUP BY factsheet_id, rad, lan_kod
  UNION ALL
  SELECT t.factsheet_id, t.rad, t.lan_kod, a.n, a.forsta
  FROM targets t, all_listed a
  WHERE t.t
),
lq_missing AS (
  SELECT t.factsheet_id, t.rad, t.lan_kod,
         CASE WHEN l.n > 0 THEN 'undertryckt' ELSE 'saknas' END AS lq_saknas,
         CASE WHEN l.n > 5 THEN array_to_string(l.forsta, '; ') || '; … (' || l.n || ' celler)'
              ELSE array_to_string(l.forsta, '; ') END AS lq_saknas_celler
  FROM targets t
  LEFT JOIN listed l ON l.factsheet_id = t.factsheet_id AND l.rad = t.rad AND l.lan_kod IS NOT DISTINCT FROM t.lan_kod
)
-- Sums come out of DuckDB as HUGEINT, which Parquet cannot hold; they are whole numbers of employed persons, so
-- BIGINT. The reasons for a missing LQ are the last columns.
SELECT e.* REPLACE (
         sysselsatta::BIGINT AS sysselsatta,
         region_totalt::BIGINT AS region_totalt,
         sektor_riket::BIGINT AS sektor_riket,
         riket_totalt::BIGINT AS riket_totalt,
         sysselsatta_foregaende::BIGINT AS sysselsatta_foregaende,
         forandring::BIGINT AS forandring,
         saknade_celler::BIGINT AS saknade_celler
       ),
       m.lq_saknas, m.lq_saknas_celler
FROM figures e
LEFT JOIN lq_missing m ON m.factsheet_id = e.factsheet_id AND m.rad = e.rad AND m.lan_kod IS NOT DISTINCT FROM e.lan_kod
