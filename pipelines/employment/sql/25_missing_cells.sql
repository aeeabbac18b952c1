-- The missing values of file {{ var('fil') }} found by streaming it (missing_raw: labels as written), placed like its
-- cells: region and industry codes from the file's label maps; of a sex dimension only the kept categories.
INSERT INTO missing_cells
SELECT m.fil, m.rad, m.kolumn, m.symbol, m.plats,
       r.region_kod, r.region_niva, r.lan_kod,
       i.naringsgren_kod, i.naringsgren_niva, i.rams_grupp, i.sni_huvudgrupp, m.ar
FROM missing_raw m
JOIN region_map r ON r.label = m.region_label
JOIN industry_map i ON i.label = m.industry_label
{{ var('sex_filter') }}
ORDER BY m.rad, m.kolumn;
DROP TABLE missing_raw;
