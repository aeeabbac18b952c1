-- One year column of a keyed table as cells (the parts 22_cells.sql and 22_cells_sum_sex.sql unfold): the
-- codes, the year, [kon] and the value.
SELECT rad, region_kod, region_niva, lan_kod, naringsgren_kod, naringsgren_niva, rams_grupp, sni_avdelning, sni_huvudgrupp, {{ var('ar') }} AS ar{{ var('kon') }}, {{ var('varde') }} AS varde FROM {{ var('keyed') }}
