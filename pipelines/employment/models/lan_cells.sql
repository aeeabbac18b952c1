-- Values per county at each industry level the data has, every year. A county's value comes from county rows
-- when the data has them for that year and level, else from its kommuner summed — only when all its kommuner
-- are there, since a partial sum would pass for a small county (missing kommuner count as missing cells).
-- strict_sum: a sum that is unknown when any part is unknown (made with the statistics, src/statistics).
WITH lan_rows AS (
  SELECT ar, naringsgren_niva AS niva, naringsgren_kod AS kod, rams_grupp, sni_huvudgrupp, lan_kod, varde,
         CAST(varde IS NULL AS BIGINT) AS saknade
  FROM {{ source('statistics_long') }}
  -- Compared as the ENUM it is (sql/10_statistics_long.sql): text would cast every line of every year column, and
  -- the ENUM's row-group statistics let a file without lan rows be skipped unread.
  WHERE region_niva = 'lan'::stat_region_niva
),
lan_keys AS (SELECT DISTINCT ar, niva FROM lan_rows),
kommun_count AS (SELECT lan_kod, count(*) AS n FROM {{ source('ref_kommuner') }} GROUP BY lan_kod),
from_kommun AS (
  -- The kommun rows come summed per county (kommun_sums: the reader sums a wide file's lines before its years are
  -- unfolded, and adds up the files), with how many kommun values each sum has and how many of them are missing.
  -- NOT IN rather than an ANTI JOIN: the planner, not knowing how many rows the sums unfold into, built its hash
  -- table on them instead of on the few keys (neither side has a NULL, so the two mean the same).
  SELECT s.* FROM {{ source('kommun_sums') }} s
  WHERE (s.ar, s.niva) NOT IN (SELECT (ar, niva) FROM lan_keys)
)
SELECT * FROM lan_rows
UNION ALL
SELECT f.ar, f.niva, f.kod, f.rams_grupp, f.sni_huvudgrupp, f.lan_kod,
       CASE WHEN f.kommuner = c.n THEN f.varde END AS varde,
       f.saknade + c.n - f.kommuner AS saknade
FROM from_kommun f
JOIN kommun_count c USING (lan_kod)
