-- enkat_obesvarade: initiatives the analyst has accepted as not answering (beslut obesvarad in enkat/beslut.csv).
SELECT * FROM {{ source('stg_enkat_obesvarade') }}
