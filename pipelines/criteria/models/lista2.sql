-- lista2: the networks of list 2, strategic first, then transnational.
SELECT
  ordning,
  entity_id,
  factsheet_id,
  namn,
  CASE utfall WHEN 'list2-transnational' THEN 'transnationellt' ELSE 'strategiskt' END AS typ,
  geografiskt_omrade,
  utlandska_orter,
  sida,
  coalesce(motivering, '') AS motivering
FROM {{ source('stg_utslag') }}
WHERE utfall IN ('list2-strategic', 'list2-transnational')
