-- The missing values of file {{ var('fil') }} found by reading it again (missing_raw: the n-th record, its line,
-- column, symbol and year), placed like its cells: region and industry codes from the same line of its keyed table
-- ({{ var('keyed') }}, rad = record); of a sex dimension only the kept categories.
INSERT INTO missing_cells
SELECT {{ var('fil') }}, m.rad, m.kolumn, m.symbol, m.plats,
       k.region_kod, k.region_niva, k.lan_kod,
       k.naringsgren_kod, k.naringsgren_niva, k.rams_grupp, k.sni_huvudgrupp, m.ar
FROM missing_raw m
JOIN {{ var('keyed') }} k ON k.rad = m.record
{{ var('sex_filter') }}
ORDER BY m.rad, m.kolumn;
DROP TABLE missing_raw;
