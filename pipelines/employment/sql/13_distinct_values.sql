-- The values a column of stat_src takes ({{ var('column') }}), in order: labels to parse, or contents to compare.
SELECT DISTINCT {{ var('column') }} AS v FROM stat_src ORDER BY 1
