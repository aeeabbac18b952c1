-- entities: the view dd_out_entities that sql/outputs.sql defines over the matching's tables.
SELECT * FROM {{ source('dd_out_entities') }}
