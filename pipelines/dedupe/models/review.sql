-- Pairs for an analyst: the strongest record pair between two entities when it falls between the thresholds,
-- when it shares an e-mail address, a phone number, a contact person or a site (dd_shared_pairs, near.sql),
-- or when the scores linked it and a rule refused. Entities an analyst already decided about, and pairs of two
-- entities with a fact sheet each (their only answer is olika), are left out.
WITH
candidates AS (
  SELECT p.*,
    CASE WHEN p.sannolikhet >= {{ var('review') }} AND p.sannolikhet < {{ var('match') }} THEN 'mellan trösklarna'
      ELSE 'delar ' || s.delar END AS skal,
    coalesce(s.delar, '') AS delar
  FROM {{ ref('pairs_view') }} p
  LEFT JOIN {{ source('dd_shared_pairs') }} s ON s.a = p.a AND s.b = p.b
  WHERE (p.sannolikhet >= {{ var('review') }} AND p.sannolikhet < {{ var('match') }}) OR s.a IS NOT NULL
  UNION ALL
  -- A change of the existing entities since the previous run (changes.sql): it needs a decision.
  SELECT p.*,
    'ändrat sedan förra körningen: ' || CASE c.andring WHEN 'delad' THEN 'var ett initiativ (' || c.entity || '), nu två'
      ELSE 'var två initiativ (' || c.entity || '), nu ett' END,
    coalesce(s.delar, '')
  FROM {{ source('dd_membership_changes') }} c
  JOIN {{ ref('pairs_view') }} p ON p.a = c.a AND p.b = c.b
  LEFT JOIN {{ source('dd_shared_pairs') }} s ON s.a = p.a AND s.b = p.b
  UNION ALL
  SELECT p.*,
    CASE r.reason
      WHEN 'faktablad' THEN 'länkad men spärrad: två faktablad (' || xa.beslutsnamn || ', ' || xb.beslutsnamn || ')'
      WHEN 'veto' THEN 'länkad men spärrad: ' || xa.namn || ' (' || xa.fil || ':' || xa.rad || ') och ' || xb.namn
        || ' (' || xb.fil || ':' || xb.rad || ') är klart olika'
      ELSE 'länkad men spärrad av beslut: ' || xa.namn || ' / ' || xb.namn
    END,
    coalesce(s.delar, '')
  FROM {{ source('dd_rejected') }} r
  JOIN {{ ref('pairs_view') }} p ON p.a = r.a AND p.b = r.b
  JOIN {{ ref('record_view') }} xa ON xa.rid = r.blocker_a
  JOIN {{ ref('record_view') }} xb ON xb.rid = r.blocker_b
  LEFT JOIN {{ source('dd_shared_pairs') }} s ON s.a = p.a AND s.b = p.b
),
between_entities AS (
  SELECT c.*, ra.cluster AS ca, rb.cluster AS cb
  FROM candidates c
  JOIN {{ ref('record_view') }} ra ON ra.rid = c.a
  JOIN {{ ref('record_view') }} rb ON rb.rid = c.b
  -- Two entities that each have a fact sheet can never be one (two fact sheets are two initiatives): not asked.
  WHERE (ra.cluster <> rb.cluster
      AND (ra.cluster NOT IN (SELECT cluster FROM {{ source('dd_entities') }} WHERE faktablad_id IS NOT NULL)
        OR rb.cluster NOT IN (SELECT cluster FROM {{ source('dd_entities') }} WHERE faktablad_id IS NOT NULL)))
    OR starts_with(c.skal, 'ändrat')
),
decided_entities AS (
  SELECT DISTINCT least(ca.cluster, cb.cluster) AS x, greatest(ca.cluster, cb.cluster) AS y
  FROM {{ source('dd_decided') }} d JOIN {{ source('dd_cluster') }} ca ON ca.rid = d.a JOIN {{ source('dd_cluster') }} cb ON cb.rid = d.b
),
strongest AS (
  SELECT * FROM (
    SELECT *, row_number() OVER (
      PARTITION BY least(ca, cb), greatest(ca, cb)
      ORDER BY starts_with(skal, 'ändrat') DESC, sannolikhet DESC, a, b, skal) AS k
    FROM between_entities)
  WHERE k = 1
    AND NOT EXISTS (SELECT 1 FROM decided_entities d WHERE d.x = least(ca, cb) AND d.y = greatest(ca, cb))
)
SELECT
  ra.fil AS fil_a,
  ra.beslutsnamn AS namn_a,
  rb.fil AS fil_b,
  rb.beslutsnamn AS namn_b,
  NULL::VARCHAR AS beslut,
  NULL::VARCHAR AS anteckning,
  s.sannolikhet,
  s.skal,
  ra.entity_id AS entity_a,
  rb.entity_id AS entity_b,
  ra.rad AS rad_a,
  rb.rad AS rad_b,
  ra.namn AS titel_a,
  rb.namn AS titel_b,
  ra.webb AS webb_a,
  rb.webb AS webb_b,
  ra.adress AS adress_a,
  rb.adress AS adress_b,
  ra.telefon AS telefon_a,
  rb.telefon AS telefon_b,
  ra.kontakt AS kontakt_a,
  rb.kontakt AS kontakt_b,
  s.namn_niva,
  s.namn_vikt,
  s.webb_niva,
  s.webb_vikt,
  s.telefon_niva,
  s.telefon_vikt,
  s.postnummer_niva,
  s.postnummer_vikt,
  s.kontakt_niva,
  s.kontakt_vikt,
  s.kontor_vikt,
  s.prior_vikt,
  s.matchvikt,
  s.telefon_tf,
  s.postnummer_tf,
  s.kontakt_tf,
  s.namn_tf,
  s.webb_tf,
  s.delar
FROM strongest s
JOIN {{ ref('record_view') }} ra ON ra.rid = s.a
JOIN {{ ref('record_view') }} rb ON rb.rid = s.b
