-- Each record with its entity and the evidence that put it there: its strongest pair inside the entity.
WITH
inside AS (
  SELECT p.a AS rid, p.b AS partner, p.* EXCLUDE (a, b) FROM {{ ref('pairs_view') }} p
  JOIN {{ source('dd_cluster') }} ca ON ca.rid = p.a JOIN {{ source('dd_cluster') }} cb ON cb.rid = p.b AND cb.cluster = ca.cluster
  UNION ALL
  SELECT p.b, p.a, p.* EXCLUDE (a, b) FROM {{ ref('pairs_view') }} p
  JOIN {{ source('dd_cluster') }} ca ON ca.rid = p.a JOIN {{ source('dd_cluster') }} cb ON cb.rid = p.b AND cb.cluster = ca.cluster
),
best AS (
  SELECT * FROM (
    SELECT *, row_number() OVER (PARTITION BY rid ORDER BY sannolikhet DESC, partner) AS k FROM inside)
  WHERE k = 1
),
size AS (SELECT cluster, count(*) AS n FROM {{ source('dd_cluster') }} GROUP BY cluster),
decided AS (SELECT a AS rid FROM {{ source('dd_decided') }} WHERE samma UNION SELECT b FROM {{ source('dd_decided') }} WHERE samma)
SELECT
  v.record_id,
  v.slag,
  v.fil AS source_file,
  v.rad AS source_line,
  v.namn,
  v.entity_id,
  v.entity_namn,
  CASE
    WHEN s.n = 1 THEN 'ensam'
    WHEN b.sannolikhet >= {{ var('match') }} THEN 'poang'
    WHEN v.rid IN (SELECT rid FROM decided) THEN 'beslut'
    ELSE 'kedja'
  END AS kopplad_via,
  pv.record_id AS partner,
  pv.namn AS partner_namn,
  b.sannolikhet,
  b.matchvikt,
  b.namn_niva,
  b.webb_niva,
  b.telefon_niva,
  b.postnummer_niva,
  b.kontakt_niva
FROM {{ ref('record_view') }} v
JOIN size s ON s.cluster = v.cluster
LEFT JOIN best b ON b.rid = v.rid
LEFT JOIN {{ ref('record_view') }} pv ON pv.rid = b.partner
