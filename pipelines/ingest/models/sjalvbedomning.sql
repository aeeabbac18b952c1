-- sjalvbedomning: the initiatives' own answers on the sub-indicators, with their "hur" per criterion.
SELECT * FROM {{ source('stg_sjalvbedomning') }}
