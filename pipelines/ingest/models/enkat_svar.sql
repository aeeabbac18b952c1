-- enkat_svar: every field of every returned questionnaire, as read and checked by src/survey.ts (@kk/survey).
SELECT * FROM {{ source('stg_enkat_svar') }}
