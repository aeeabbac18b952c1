-- Each fact sheet's industry codes in the chosen grouping: its RAMS group, or its SNI 2007 divisions.
SELECT es.factsheet_id,
       unnest(CASE g.gruppering WHEN 'rams' THEN [es.rams_grupp] ELSE string_split(es.sni_huvudgrupper, ';') END) AS kod
FROM {{ ref('entity_sector') }} es, {{ ref('chosen_grouping') }} g
