-- bedomningar: one judgment per entity and criterion (criteria/bedomningar.csv), with the share of the
-- sub-indicators met.
SELECT
  b.entity_id,
  u.namn,
  b.kriterium,
  coalesce(k.rubrik, '') AS rubrik,
  b.bedomning,
  b.indikatorer_uppfyllda,
  b.indikatorer_bedomda,
  CASE WHEN b.antal_bedomda = 0 THEN NULL ELSE b.antal_uppfyllda / b.antal_bedomda END AS andel,
  b.grund,
  b.belagg,
  b.proveniens
FROM {{ source('stg_bedomningar') }} b
JOIN {{ source('stg_utslag') }} u USING (entity_id)
LEFT JOIN {{ ref('kriterier') }} k ON k.nr = b.kriterium
