-- The first negative count in file {{ var('fil') }} (a count of persons cannot be below zero).
SELECT region_kod, naringsgren_kod, ar, varde FROM {{ var('name') }} WHERE varde < 0 LIMIT 1;
