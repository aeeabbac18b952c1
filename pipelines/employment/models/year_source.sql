-- The source of each year's figures, as the report cites it (statistik.csv: kalla, tabell, matt).
SELECT ar,
       string_agg(DISTINCT kalla, '; ' ORDER BY kalla) AS kalla,
       string_agg(DISTINCT tabell, ', ' ORDER BY tabell) AS tabell,
       min(matt) AS matt
FROM {{ source('stat_files') }}
GROUP BY ar
