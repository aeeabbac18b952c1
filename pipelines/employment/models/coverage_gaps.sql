-- County × RAMS group cells the data has no row for at all (a county or an industry left out of the download,
-- not a suppressed value): a national total summed over the counties cannot be complete without them.
WITH years AS (SELECT DISTINCT ar FROM {{ ref('measure') }} WHERE gruppering = 'rams'),
expected AS (
  SELECT y.ar, l.lan_kod, l.lan_namn, g.rams_grupp
  FROM years y, {{ source('ref_lan') }} l, {{ source('ref_rams_grupper') }} g
  WHERE g.rams_grupp <> '00'
)
SELECT e.ar, e.lan_kod, e.lan_namn, e.rams_grupp
FROM expected e
ANTI JOIN {{ ref('measure') }} m ON m.ar = e.ar AND m.gruppering = 'rams' AND m.lan_kod = e.lan_kod AND m.kod = e.rams_grupp
ORDER BY e.ar, e.lan_kod, e.rams_grupp
