-- What the counties' values present add up to, per year: the part of a declared national total the file
-- accounts for.
SELECT ar, sum(varde) AS summa, count(*) FILTER (WHERE varde IS NULL) AS saknade
FROM {{ ref('measure') }}
WHERE gruppering = 'rams' AND lan_kod <> '00'
GROUP BY ar
