-- One file's cells, a part of statistics_long (26_statistics_long.sql) or of the earlier files (24_overlap.sql).
SELECT * FROM {{ var('name') }}
