-- Values per county at each industry level the data has, every year. A county's value comes from county rows
-- when the data has them for that year and level, else from its kommuner summed — only when all its kommuner
-- are there, since a partial sum would pass for a small county (missing kommuner count as missing cells).
-- strict_sum: a sum that is unknown when any part is unknown (made with the statistics, src/statistics).
WITH lan_rows AS (
  SELECT ar, naringsgren_niva AS niva, naringsgren_kod AS kod, rams_grupp, sni_huvudgrupp, lan_kod, varde,
         CAST(varde IS NULL AS BIGINT) AS saknade
  FROM {{ source('statistics_long') }}
  WHERE region_niva = 'lan'
),
lan_keys AS (SELECT DISTINCT ar, niva FROM lan_rows),
kommun_count AS (SELECT lan_kod, count(*) AS n FROM {{ source('ref_kommuner') }} GROUP BY lan_kod),
from_kommun AS (
  -- rams_grupp and sni_huvudgrupp follow from the code, so they ride along rather than widen the grouping.
  SELECT s.ar, s.naringsgren_niva AS niva, s.naringsgren_kod AS kod,
         any_value(s.rams_grupp) AS rams_grupp, any_value(s.sni_huvudgrupp) AS sni_huvudgrupp, s.lan_kod,
         strict_sum(s.varde) AS varde, count(*) FILTER (WHERE s.varde IS NULL) AS saknade, count(*) AS kommuner
  FROM {{ source('statistics_long') }} s
  ANTI JOIN lan_keys k ON k.ar = s.ar AND k.niva = s.naringsgren_niva
  WHERE s.region_niva = 'kommun'
  GROUP BY s.ar, s.naringsgren_niva, s.naringsgren_kod, s.lan_kod
)
SELECT * FROM lan_rows
UNION ALL
SELECT f.ar, f.niva, f.kod, f.rams_grupp, f.sni_huvudgrupp, f.lan_kod,
       CASE WHEN f.kommuner = c.n THEN f.varde END AS varde,
       f.saknade + c.n - f.kommuner AS saknade
FROM from_kommun f
JOIN kommun_count c USING (lan_kod)
