-- Places and years where the data's all-industries rows disagree with each other (slag 'totalrader': the
-- stage stops) or with the sum of all RAMS groups (slag 'summa': a warning; SCB's totals may include what a
-- download left out).
SELECT ar, lan_kod, given_min, given_max, summa,
       CASE WHEN given_min <> given_max THEN 'totalrader' ELSE 'summa' END AS slag
FROM {{ ref('totals') }}
WHERE given_min <> given_max OR (given_max IS NOT NULL AND summa IS NOT NULL AND given_max <> summa)
