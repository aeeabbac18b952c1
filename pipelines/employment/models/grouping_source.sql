-- The industry level each grouping of each year is summed from: 'rams' (the 16 RAMS groups) and, when the data
-- is at SNI division level or finer, 'sni_huvudgrupp' (two-digit divisions). The coarsest level the year has:
-- that is the level SCB publishes, with the fewest suppressed cells, and any finer level sums exactly into both.
WITH niva_rank AS (
  SELECT * FROM (VALUES ('rams', 1), ('avdelning', 2), ('huvudgrupp', 3), ('grupp', 4), ('undergrupp', 5), ('detaljgrupp', 6))
    AS t(niva, rang)
),
levels AS (SELECT DISTINCT ar, niva FROM {{ ref('lan_cells') }} JOIN niva_rank USING (niva))
SELECT ar, 'rams' AS gruppering, arg_min(niva, rang) AS niva
FROM levels JOIN niva_rank USING (niva)
GROUP BY ar
UNION ALL
SELECT ar, 'sni_huvudgrupp' AS gruppering, arg_min(niva, rang) AS niva
FROM levels JOIN niva_rank USING (niva)
WHERE rang >= 3
GROUP BY ar
