-- The grouping the join uses for the statistics year: the initiative's SNI 2007 divisions when the data has
-- divisions for that year, else its RAMS group.
SELECT CASE WHEN EXISTS (SELECT 1 FROM {{ ref('grouping_source') }} WHERE ar = {{ var('ar') }} AND gruppering = 'sni_huvudgrupp')
            THEN 'sni_huvudgrupp' ELSE 'rams' END AS gruppering
