-- ref_rams_grupper: handed over by the stage's readers (src/), which validate and normalise the raw files.
SELECT * FROM {{ source('stg_ref_rams_grupper') }}
