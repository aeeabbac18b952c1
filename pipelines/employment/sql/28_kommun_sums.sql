-- The kommun rows of file {{ var('fil') }} summed per county (29_kommun_sums*.sql adds these parts up over the files): one row
-- per year × industry level × code × county, with how many kommun values it adds up and how many of them are
-- missing. For a long file or one summed by sex, whose cells ({{ var('cells') }}) are one row per value already.
CREATE OR REPLACE TEMP VIEW {{ var('name') }} AS
SELECT ar, naringsgren_niva AS niva, naringsgren_kod AS kod,
       any_value(rams_grupp) AS rams_grupp, any_value(sni_huvudgrupp) AS sni_huvudgrupp, lan_kod,
       strict_sum(varde) AS varde, count(*) FILTER (WHERE varde IS NULL) AS saknade, count(*) AS kommuner
FROM {{ var('cells') }}
WHERE region_niva = 'kommun'
GROUP BY ar, naringsgren_niva, naringsgren_kod, lan_kod;
