-- Employment per county (lan_kod; '00' the whole country) × grouping × code × year.
-- Groupings: 'rams' (the 16 RAMS groups) and, when the data is at SNI division level or finer,
-- 'sni_huvudgrupp' (two-digit divisions). Each is summed from the coarsest level the year has: that is the
-- level SCB publishes, with the fewest suppressed cells, and any finer level sums exactly into both.
CREATE OR REPLACE TABLE niva_rank AS
SELECT * FROM (VALUES ('rams', 1), ('avdelning', 2), ('huvudgrupp', 3), ('grupp', 4), ('undergrupp', 5), ('detaljgrupp', 6))
  AS t(niva, rang);

CREATE OR REPLACE TABLE grouping_source AS
WITH levels AS (SELECT DISTINCT ar, niva FROM lan_cells JOIN niva_rank USING (niva))
SELECT ar, 'rams' AS gruppering, arg_min(niva, rang) AS niva
FROM levels JOIN niva_rank USING (niva)
GROUP BY ar
UNION ALL
SELECT ar, 'sni_huvudgrupp' AS gruppering, arg_min(niva, rang) AS niva
FROM levels JOIN niva_rank USING (niva)
WHERE rang >= 3
GROUP BY ar;

CREATE OR REPLACE TABLE measure AS
WITH cells AS (
  SELECT ar, niva, rams_grupp, sni_huvudgrupp, lan_kod, varde, saknade FROM lan_cells
  UNION ALL
  SELECT ar, niva, rams_grupp, sni_huvudgrupp, '00' AS lan_kod, varde, saknade FROM riket_cells
),
keyed AS (
  SELECT c.ar, g.gruppering, c.lan_kod,
         CASE g.gruppering WHEN 'rams' THEN c.rams_grupp ELSE c.sni_huvudgrupp END AS kod,
         c.varde, c.saknade
  FROM cells c
  JOIN grouping_source g ON g.ar = c.ar AND g.niva = c.niva
)
SELECT ar, gruppering, lan_kod, kod, strict_sum(varde) AS varde, sum(saknade) AS saknade
FROM keyed
WHERE kod IS NOT NULL
GROUP BY ar, gruppering, lan_kod, kod;

-- Total employment per county ('00' the country) and year: the data's all-industries row where it has one,
-- else the sum over the RAMS groups (which include "00 okänd verksamhet") — only when every group is there, since
-- a download of a few industries would otherwise pass for a small county. Two files giving different totals
-- for the same place and year show up as given_min <> given_max (a check of the stage).
CREATE OR REPLACE TABLE totals AS
WITH n_groups AS (SELECT count(*) AS n FROM ref_rams_grupper WHERE rams_grupp <> '00'),
given AS (
  SELECT ar, lan_kod, min(varde) AS given_min, max(varde) AS given_max, bool_or(varde IS NULL) AS given_missing
  FROM lan_cells WHERE niva = 'total' GROUP BY ar, lan_kod
  UNION ALL
  SELECT ar, '00', min(varde), max(varde), bool_or(varde IS NULL)
  FROM riket_cells WHERE niva = 'total' GROUP BY ar
),
summed AS (
  SELECT m.ar, m.lan_kod,
         CASE WHEN count(DISTINCT m.kod) FILTER (WHERE m.kod <> '00') = any_value(g.n) THEN strict_sum(m.varde) END AS summa
  FROM measure m, n_groups g
  WHERE m.gruppering = 'rams'
  GROUP BY m.ar, m.lan_kod
)
SELECT coalesce(s.ar, g.ar) AS ar, coalesce(s.lan_kod, g.lan_kod) AS lan_kod,
       CASE WHEN g.ar IS NOT NULL AND NOT g.given_missing THEN g.given_max ELSE s.summa END AS varde,
       CASE WHEN g.ar IS NOT NULL AND NOT g.given_missing THEN 'totalrad' ELSE 'summa' END AS kalla,
       s.summa, g.given_min, g.given_max
FROM summed s
FULL JOIN given g ON g.ar = s.ar AND g.lan_kod = s.lan_kod;
