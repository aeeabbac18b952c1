-- A record as an analyst recognises it: its file and line, and the name a decision uses (a fact sheet's id).
SELECT
  r.rid,
  i.record_id,
  i.slag,
  i.source_file AS fil,
  i.source_line AS rad,
  CASE WHEN i.faktablad THEN i.faktablad_id ELSE trim(i.namn) END AS beslutsnamn,
  trim(i.namn) AS namn,
  coalesce(i.webb, '') AS webb,
  coalesce(i.adress, '') AS adress,
  coalesce(i.telefon, '') AS telefon,
  coalesce(i.kontaktperson, '') AS kontakt,
  c.cluster,
  e.entity_id,
  e.entity_namn
FROM {{ source('dd_records') }} r
JOIN {{ source('dd_input') }} i ON i.record_id = r.record_id
JOIN {{ source('dd_cluster') }} c ON c.rid = r.rid
JOIN {{ source('dd_entities') }} e ON e.cluster = c.cluster
