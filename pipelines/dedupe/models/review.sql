-- review: the pairs the matcher was unsure about, for the analyst (see README.md, "The review").
SELECT * FROM {{ source('dd_out_review') }}
