-- The source kommun_sums: the county sums of kommun rows (28_kommun_sums*.sql) of the files read so far, added up
-- where files give different kommuner of a county for the same code and year. A part is missing when any of its
-- values is, so strict_sum over the parts is strict_sum over the values; the counts are whole numbers (BIGINT, as
-- one file's are).
CREATE OR REPLACE TEMP VIEW kommun_sums AS
SELECT ar, niva, kod, any_value(rams_grupp) AS rams_grupp, any_value(sni_huvudgrupp) AS sni_huvudgrupp, lan_kod,
       strict_sum(varde) AS varde, CAST(sum(saknade) AS BIGINT) AS saknade, CAST(sum(kommuner) AS BIGINT) AS kommuner
FROM ({{ var('union') }})
GROUP BY ar, niva, kod, lan_kod;
