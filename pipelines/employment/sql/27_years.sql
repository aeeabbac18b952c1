-- The years a file's cells give.
SELECT DISTINCT ar FROM {{ var('name') }} ORDER BY ar
