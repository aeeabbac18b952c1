-- undantag: list-1 initiatives kept by the meeting although they fail a check (an exception), and which.
SELECT
  ordning,
  entity_id,
  namn,
  undantag_kriterier AS kriterier,
  undantag_text AS ej_uppfyllt,
  coalesce(motivering, '') AS motivering,
  coalesce(proveniens, '') AS proveniens
FROM {{ source('stg_utslag') }}
WHERE undantag
