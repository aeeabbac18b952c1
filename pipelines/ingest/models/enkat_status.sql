-- enkat_status: every initiative asked and whether its questionnaire came back (src/survey.ts).
SELECT * FROM {{ source('stg_enkat_status') }}
