-- pairs: the view dd_out_pairs that sql/outputs.sql defines over the matching's tables.
SELECT * FROM {{ source('dd_out_pairs') }}
