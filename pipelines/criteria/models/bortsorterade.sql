-- bortsorterade: the candidates sorted out, with the reason and the step (1 or 2) where it happened.
SELECT
  entity_id,
  namn,
  coalesce(organisationstyp, '') AS organisationstyp,
  skal_kod,
  skal,
  steg,
  coalesce(motivering, '') AS motivering,
  coalesce(proveniens, '') AS proveniens
FROM {{ source('stg_utslag') }}
WHERE utfall = 'rejected'
