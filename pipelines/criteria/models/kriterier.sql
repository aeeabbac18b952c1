-- kriterier: the six criteria as criteria/kriterier.csv gives them, with how many sub-indicators each has.
SELECT
  k.nr,
  k.rubrik,
  k.beskrivning,
  k.diagramtext,
  (SELECT count(*) FROM {{ source('stg_indikatorer') }} i WHERE i.kriterium = k.nr)::INTEGER AS antal_indikatorer,
  k.proveniens
FROM {{ source('stg_kriterier') }} k
