-- ref_gazetteer: handed over by the stage's readers (src/), which validate and normalise the raw files.
SELECT * FROM {{ source('stg_ref_gazetteer') }}
