-- kapitel: the figures the report's chapter on changes states (packages/diff chapterFacts); empty for the first edition.
SELECT * FROM {{ source('stg_kapitel') }}
