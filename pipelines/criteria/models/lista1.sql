-- lista1: the cluster initiatives of list 1, in the report's order.
SELECT
  ordning,
  entity_id,
  factsheet_id,
  namn,
  geografiskt_omrade,
  sida,
  undantag,
  skal
FROM {{ source('stg_utslag') }}
WHERE utfall = 'list1'
