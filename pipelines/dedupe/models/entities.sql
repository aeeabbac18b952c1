-- One row per initiative.
SELECT
  e.entity_id,
  e.entity_namn AS namn,
  e.faktablad_id AS factsheet_id,
  count(*) FILTER (WHERE i.slag = 'källa') AS antal_rader,
  list(DISTINCT i.source_file ORDER BY i.source_file) FILTER (WHERE i.slag = 'källa') AS kallor,
  list(DISTINCT i.kalla ORDER BY i.kalla) FILTER (WHERE i.slag = 'källa') AS kalla,
  list(DISTINCT trim(i.namn) ORDER BY trim(i.namn)) AS namnvarianter,
  list(DISTINCT i.webb_kanonisk ORDER BY i.webb_kanonisk) FILTER (WHERE i.webb_kanonisk IS NOT NULL) AS webbadresser,
  list(DISTINCT trim(i.adress) ORDER BY trim(i.adress)) FILTER (WHERE coalesce(trim(i.adress), '') <> '') AS adresser
FROM {{ source('dd_entities') }} e
JOIN {{ source('dd_cluster') }} c ON c.cluster = e.cluster
JOIN {{ source('dd_input') }} i ON i.record_id = c.record_id
GROUP BY e.entity_id, e.entity_namn, e.faktablad_id
