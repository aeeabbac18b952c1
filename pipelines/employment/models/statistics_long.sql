-- statistics_long: every cell of the statistics files, one row per region, industry and year, made by the
-- readers and sql/1*-2*.sql in the files' own order (statistik.csv, then year, then line). The working table
-- keeps repeated labels as ENUMs to save memory on large files; the output has plain text. The types are stated
-- here, whatever the shape of the file made them (a file split by sex is summed, and a sum widens).
SELECT * REPLACE (
  fil::VARCHAR AS fil,
  region_niva::VARCHAR AS region_niva,
  naringsgren_niva::VARCHAR AS naringsgren_niva,
  ar::INTEGER AS ar,
  varde::BIGINT AS varde
)
FROM {{ source('statistics_long') }}
