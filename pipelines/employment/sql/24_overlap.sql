-- The first region × industry × year of file {{ var('fil') }} that an earlier file also gives (downloads overlapping).
SELECT n.region_kod, n.naringsgren_kod, n.ar, CAST(o.fil AS VARCHAR) AS annan_fil
FROM {{ var('name') }} n
JOIN ({{ var('earlier') }}) o
  ON o.region_kod = n.region_kod AND o.naringsgren_niva = n.naringsgren_niva
 AND o.naringsgren_kod = n.naringsgren_kod AND o.ar = n.ar
WHERE n.naringsgren_niva <> 'total'
LIMIT 1;
