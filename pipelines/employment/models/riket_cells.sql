-- Values for the whole country at each industry level the data has, every year: country rows, else all 21
-- counties summed (lan_cells) — only when every county is there.
WITH riket_rows AS (
  SELECT ar, naringsgren_niva AS niva, naringsgren_kod AS kod, rams_grupp, sni_huvudgrupp, varde,
         CAST(varde IS NULL AS BIGINT) AS saknade
  FROM {{ source('statistics_long') }}
  -- Compared as the ENUM it is (sql/10_statistics_long.sql): text would cast every line of every year column, and
  -- the ENUM's row-group statistics let a file without riket rows be skipped unread.
  WHERE region_niva = 'riket'::stat_region_niva
),
riket_keys AS (SELECT DISTINCT ar, niva FROM riket_rows),
n_lan AS (SELECT count(*) AS n FROM {{ source('ref_lan') }}),
from_lan AS (
  SELECT l.ar, l.niva, l.kod, any_value(l.rams_grupp) AS rams_grupp, any_value(l.sni_huvudgrupp) AS sni_huvudgrupp,
         strict_sum(l.varde) AS varde, sum(l.saknade) AS saknade, count(*) AS lan
  FROM {{ ref('lan_cells') }} l
  ANTI JOIN riket_keys k ON k.ar = l.ar AND k.niva = l.niva
  GROUP BY l.ar, l.niva, l.kod
)
SELECT * FROM riket_rows
UNION ALL
SELECT f.ar, f.niva, f.kod, f.rams_grupp, f.sni_huvudgrupp,
       CASE WHEN f.lan = n.n THEN f.varde END AS varde,
       f.saknade + n.n - f.lan AS saknade
FROM from_lan f, n_lan n
