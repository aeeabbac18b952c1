-- The cells of file {{ var('fil') }}: var cells (22_cells_select.sql) unfolds its keyed table one year column at a time (UNION ALL and a
-- projection keep the keyed table's line order within each year).
CREATE OR REPLACE TEMP VIEW {{ var('name') }} AS
SELECT CAST({{ var('fil') }} AS stat_fil) AS fil, region_kod, region_niva, lan_kod, naringsgren_kod, naringsgren_niva,
       rams_grupp, sni_avdelning, sni_huvudgrupp, ar, varde
FROM ({{ var('cells') }});
