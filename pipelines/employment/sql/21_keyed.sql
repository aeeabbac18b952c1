-- The lines of file {{ var('fil') }} with region and industry labels replaced by codes and their place (a join on the
-- few distinct labels, before the cells are unfolded), back in line order (rad): a join does not keep order,
-- and this table's order becomes statistics_long's.
CREATE OR REPLACE TEMP TABLE {{ var('keyed') }} AS
SELECT s.rowid + 1 AS rad, r.region_kod, CAST(r.region_niva AS stat_region_niva) AS region_niva, r.lan_kod,
       i.naringsgren_kod, CAST(i.naringsgren_niva AS stat_naringsgren_niva) AS naringsgren_niva,
       i.rams_grupp, i.sni_avdelning, i.sni_huvudgrupp,
       s.* EXCLUDE ({{ var('region') }}, {{ var('industry') }})
FROM stat_src s
JOIN region_map r ON r.label = s.{{ var('region') }}
JOIN industry_map i ON i.label = s.{{ var('industry') }}
ORDER BY s.rowid;

-- The lines are in the keyed table now.
DROP TABLE stat_src;
