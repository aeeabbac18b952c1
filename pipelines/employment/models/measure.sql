-- Employment per county (lan_kod; '00' the whole country) × grouping × code × year, each grouping summed from
-- the level grouping_source names.
WITH cells AS (
  SELECT ar, niva, rams_grupp, sni_huvudgrupp, lan_kod, varde, saknade FROM {{ ref('lan_cells') }}
  UNION ALL
  SELECT ar, niva, rams_grupp, sni_huvudgrupp, '00' AS lan_kod, varde, saknade FROM {{ ref('riket_cells') }}
),
keyed AS (
  SELECT c.ar, g.gruppering, c.lan_kod,
         CASE g.gruppering WHEN 'rams' THEN c.rams_grupp ELSE c.sni_huvudgrupp END AS kod,
         c.varde, c.saknade
  FROM cells c
  JOIN {{ ref('grouping_source') }} g ON g.ar = c.ar AND g.niva = c.niva
)
SELECT ar, gruppering, lan_kod, kod, strict_sum(varde) AS varde, sum(saknade) AS saknade
FROM keyed
WHERE kod IS NOT NULL
GROUP BY ar, gruppering, lan_kod, kod
