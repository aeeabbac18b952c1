-- The value cells a keyed table ({{ var('keyed') }}) lacks (NULL: a PxWeb symbol or an empty cell), in order: the
-- line (rad, the n-th record of the file's data) and the column.
SELECT rad, col
FROM (
  SELECT CAST(rad AS INTEGER) AS rad, unnest([{{ var('null_columns') }}]) AS col
  FROM {{ var('keyed') }}
  WHERE {{ var('any_null') }}
)
WHERE col IS NOT NULL
ORDER BY rad, col
