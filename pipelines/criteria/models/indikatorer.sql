-- indikatorer: the sub-indicators of each criterion (criteria/indikatorer.csv).
SELECT kriterium, nr, text, proveniens FROM {{ source('stg_indikatorer') }}
