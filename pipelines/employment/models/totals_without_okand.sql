-- Years whose totals are sums of the RAMS groups without "00 okänd verksamhet" (the files do not have it):
-- those employed in an unknown industry are then not counted, so the totals (and every LQ) are a little small.
SELECT DISTINCT t.ar
FROM {{ ref('totals') }} t
WHERE t.kalla = 'summa' AND t.varde IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM {{ ref('measure') }} m WHERE m.ar = t.ar AND m.gruppering = 'rams' AND m.kod = '00')
