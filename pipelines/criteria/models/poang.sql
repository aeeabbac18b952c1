-- poang: every entity × criterion, the share of sub-indicators met (NULL where not judged): the radar charts.
SELECT
  u.entity_id,
  u.namn,
  u.utfall,
  k.nr AS kriterium,
  coalesce(k.diagramtext, '') AS diagramtext,
  CASE WHEN b.antal_bedomda = 0 THEN NULL ELSE b.antal_uppfyllda / b.antal_bedomda END AS andel,
  b.antal_uppfyllda::INTEGER AS uppfyllda,
  b.antal_bedomda::INTEGER AS bedomda
FROM {{ source('stg_utslag') }} u
CROSS JOIN {{ ref('kriterier') }} k
LEFT JOIN {{ source('stg_bedomningar') }} b ON b.entity_id = u.entity_id AND b.kriterium = k.nr
