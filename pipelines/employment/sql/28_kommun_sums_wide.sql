-- The kommun rows of file {{ var('fil') }} summed per county (29_kommun_sums*.sql adds the files' parts up), for a
-- wide file: its keyed table ({{ var('keyed') }}, one row per line) grouped with every year column summed and
-- counted side by side, before the years are unfolded — a twentieth of the rows to hash that the unfolded cells
-- would give (kommun × five-digit SNI × 20 years: 250 000 lines, not 5 million values). The sums are then unfolded
-- by unnest in one pass (a UNION ALL per year costs a pipeline each), into the rows 28_kommun_sums.sql gives. A sum
-- over a missing value is missing (strict_sum's rule), and the missing values are counted.
CREATE OR REPLACE TEMP VIEW {{ var('name') }} AS
SELECT ar, niva, kod, rams_grupp, sni_huvudgrupp, lan_kod,
       CASE WHEN givna = kommuner THEN summa END AS varde, kommuner - givna AS saknade, kommuner
FROM (
  SELECT naringsgren_niva AS niva, naringsgren_kod AS kod, rams_grupp, sni_huvudgrupp, lan_kod, kommuner,
         unnest([{{ var('years') }}]) AS ar, unnest([*COLUMNS('^summa_')]) AS summa, unnest([*COLUMNS('^givna_')]) AS givna
  FROM (
    SELECT lan_kod, naringsgren_niva, naringsgren_kod,
           any_value(rams_grupp) AS rams_grupp, any_value(sni_huvudgrupp) AS sni_huvudgrupp, count(*) AS kommuner,
           sum(COLUMNS([{{ var('values') }}])) AS 'summa_\0', count(COLUMNS([{{ var('values') }}])) AS 'givna_\0'
    FROM {{ var('keyed') }}
    WHERE region_niva = 'kommun'
    GROUP BY lan_kod, naringsgren_niva, naringsgren_kod
  )
);
