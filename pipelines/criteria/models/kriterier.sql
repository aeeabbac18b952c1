-- kriterier: the six criteria as criteria/kriterier.csv gives them, with how many sub-indicators each has and
-- their short names (for running text, and in the reasons).
SELECT
  k.nr,
  k.rubrik,
  k.beskrivning,
  k.diagramtext,
  (SELECT count(*) FROM {{ source('stg_indikatorer') }} i WHERE i.kriterium = k.nr)::INTEGER AS antal_indikatorer,
  k.proveniens,
  k.kortnamn,
  k.kortnamn_proveniens,
  k.skalnamn
FROM {{ source('stg_kriterier') }} k
