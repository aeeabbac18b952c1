-- Total employment per county ('00' the country) and year: the data's all-industries row where it has one,
-- else the sum over the RAMS groups (which include "00 okänd verksamhet") — only when every group is there, since
-- a download of a few industries would otherwise pass for a small county. Two files giving different totals
-- for the same place and year show up as given_min <> given_max (a check of the stage).
WITH n_groups AS (SELECT count(*) AS n FROM {{ source('ref_rams_grupper') }} WHERE rams_grupp <> '00'),
given AS (
  SELECT ar, lan_kod, min(varde) AS given_min, max(varde) AS given_max, bool_or(varde IS NULL) AS given_missing
  FROM {{ ref('lan_cells') }} WHERE niva = 'total' GROUP BY ar, lan_kod
  UNION ALL
  SELECT ar, '00', min(varde), max(varde), bool_or(varde IS NULL)
  FROM {{ ref('riket_cells') }} WHERE niva = 'total' GROUP BY ar
),
summed AS (
  SELECT m.ar, m.lan_kod,
         CASE WHEN count(DISTINCT m.kod) FILTER (WHERE m.kod <> '00') = any_value(g.n) THEN strict_sum(m.varde) END AS summa
  FROM {{ ref('measure') }} m, n_groups g
  WHERE m.gruppering = 'rams'
  GROUP BY m.ar, m.lan_kod
),
found AS (
  SELECT coalesce(s.ar, g.ar) AS ar, coalesce(s.lan_kod, g.lan_kod) AS lan_kod,
         CASE WHEN g.ar IS NOT NULL AND NOT g.given_missing THEN g.given_max ELSE s.summa END AS varde,
         CASE WHEN g.ar IS NOT NULL AND NOT g.given_missing THEN 'totalrad' ELSE 'summa' END AS kalla,
         s.summa, g.given_min, g.given_max
  FROM summed s
  FULL JOIN given g ON g.ar = s.ar AND g.lan_kod = s.lan_kod
),
-- A national total declared in statistik.csv (kontroll_ar, kontroll_riket; source controls, n its place there)
-- is SCB's own published total. Where the data's national total for that year is unknown only because values
-- are suppressed (every county and RAMS group has its row, some say '..'), the first declared total that the
-- counties' present values do not exceed is the national total. A county or group absent from the file is no
-- suppression: the stage's check stops on it, naming it.
control AS (
  SELECT c.ar, arg_min(c.riket, c.n) AS riket
  FROM {{ source('controls') }} c
  JOIN found f ON f.lan_kod = '00' AND f.ar = c.ar AND f.varde IS NULL
  WHERE NOT EXISTS (SELECT 1 FROM {{ ref('coverage_gaps') }} gap WHERE gap.ar = c.ar)
    -- every unknown county value has a symbol behind it (a kommun missing from a kommun file has none)
    AND NOT EXISTS (
      SELECT 1 FROM {{ ref('lan_cells') }} l
      WHERE l.ar = c.ar AND l.varde IS NULL
        AND NOT EXISTS (SELECT 1 FROM {{ source('missing_cells') }} m
                        WHERE m.ar = l.ar AND m.lan_kod = l.lan_kod AND m.naringsgren_kod = l.kod))
    AND (SELECT summa FROM {{ ref('present_sum') }} p WHERE p.ar = c.ar) <= c.riket
  GROUP BY c.ar
)
SELECT f.ar, f.lan_kod,
       CASE WHEN k.riket IS NOT NULL THEN k.riket ELSE f.varde END AS varde,
       CASE WHEN k.riket IS NOT NULL THEN 'kontroll' ELSE f.kalla END AS kalla,
       f.summa, f.given_min, f.given_max
FROM found f
LEFT JOIN control k ON f.lan_kod = '00' AND k.ar = f.ar
