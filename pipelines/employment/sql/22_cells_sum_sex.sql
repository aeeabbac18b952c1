-- The cells of file {{ var('fil') }} when it has a sex dimension (var cells, 22_cells_select.sql, also yields kon): the total category is kept
-- when the file has one (sex_map.keep), else men and women are summed (unknown when either is suppressed).
-- Grouping loses order, so the rows are put back in year and line order. A sum over BIGINT is HUGEINT in DuckDB:
-- cast back to the counts' type, which every other shape gives.
CREATE OR REPLACE TEMP TABLE {{ var('name') }} AS
SELECT CAST({{ var('fil') }} AS stat_fil) AS fil, c.region_kod, any_value(c.region_niva) AS region_niva,
       any_value(c.lan_kod) AS lan_kod, c.naringsgren_kod, c.naringsgren_niva, any_value(c.rams_grupp) AS rams_grupp,
       any_value(c.sni_avdelning) AS sni_avdelning, any_value(c.sni_huvudgrupp) AS sni_huvudgrupp, c.ar,
       CAST(strict_sum(c.varde) AS BIGINT) AS varde
FROM ({{ var('cells') }}) c
JOIN sex_map s ON s.label = c.kon
WHERE s.keep
GROUP BY c.region_kod, c.naringsgren_kod, c.naringsgren_niva, c.ar
ORDER BY c.ar, min(c.rad);
