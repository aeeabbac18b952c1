-- The stage's outputs as views over the algorithm's tables (dd_records, dd_pairs, dd_cluster, dd_rejected),
-- the entities (dd_entities) and the input (dd_input). Weights are rounded so that outputs stay byte-identical.
-- ${match}, ${review}: the thresholds; dd_decided (a, b, samma): record pairs an analyst has decided.

-- A record as an analyst recognises it: its file and line, and the name a decision uses (a fact sheet's id).
CREATE OR REPLACE VIEW dd_record_view AS
SELECT
  r.rid,
  i.record_id,
  i.slag,
  i.source_file AS fil,
  i.source_line AS rad,
  CASE WHEN i.faktablad THEN i.faktablad_id ELSE trim(i.namn) END AS beslutsnamn,
  trim(i.namn) AS namn,
  coalesce(i.webb, '') AS webb,
  coalesce(i.adress, '') AS adress,
  coalesce(i.telefon, '') AS telefon,
  coalesce(i.kontaktperson, '') AS kontakt,
  c.cluster,
  e.entity_id,
  e.entity_namn
FROM dd_records r
JOIN dd_input i ON i.record_id = r.record_id
JOIN dd_cluster c ON c.rid = r.rid
JOIN dd_entities e ON e.cluster = c.cluster;

CREATE OR REPLACE VIEW dd_pairs_view AS
SELECT
  p.a,
  p.b,
  p.nycklar,
  p.namn_niva,
  round(p.namn_vikt, 3) AS namn_vikt,
  p.webb_niva,
  round(p.webb_vikt, 3) AS webb_vikt,
  p.telefon_niva,
  round(p.telefon_vikt, 3) AS telefon_vikt,
  p.postnummer_niva,
  round(p.postnummer_vikt, 3) AS postnummer_vikt,
  p.kontakt_niva,
  round(p.kontakt_vikt, 3) AS kontakt_vikt,
  round(p.kontor_vikt, 3) AS kontor_vikt,
  round(${prior_bits}, 3) AS prior_vikt,
  round(p.matchvikt, 3) AS matchvikt,
  round(p.sannolikhet, 4) AS sannolikhet,
  -- The term-frequency part of telefon_vikt, postnummer_vikt and kontakt_vikt (bits; 0 for a value one
  -- name gives): the waterfall of a pair is prior_vikt + namn_vikt + webb_vikt + the three office weights.
  round(p.telefon_tf, 3) AS telefon_tf,
  round(p.postnummer_tf, 3) AS postnummer_tf,
  round(p.kontakt_tf, 3) AS kontakt_tf,
  round(p.namn_tf, 3) AS namn_tf,
  round(p.webb_tf, 3) AS webb_tf
FROM dd_pairs p;

-- Every scored pair, both records named, with its evidence.
CREATE OR REPLACE VIEW dd_out_pairs AS
SELECT
  ra.record_id AS record_a,
  rb.record_id AS record_b,
  ra.namn AS namn_a,
  rb.namn AS namn_b,
  ra.entity_id AS entity_a,
  rb.entity_id AS entity_b,
  p.* EXCLUDE (a, b)
FROM dd_pairs_view p
JOIN dd_record_view ra ON ra.rid = p.a
JOIN dd_record_view rb ON rb.rid = p.b;

-- Each record with its entity and the evidence that put it there: its strongest pair inside the entity.
CREATE OR REPLACE VIEW dd_out_membership AS
WITH
inside AS (
  SELECT p.a AS rid, p.b AS partner, p.* EXCLUDE (a, b) FROM dd_pairs_view p
  JOIN dd_cluster ca ON ca.rid = p.a JOIN dd_cluster cb ON cb.rid = p.b AND cb.cluster = ca.cluster
  UNION ALL
  SELECT p.b, p.a, p.* EXCLUDE (a, b) FROM dd_pairs_view p
  JOIN dd_cluster ca ON ca.rid = p.a JOIN dd_cluster cb ON cb.rid = p.b AND cb.cluster = ca.cluster
),
best AS (
  SELECT * FROM (
    SELECT *, row_number() OVER (PARTITION BY rid ORDER BY sannolikhet DESC, partner) AS k FROM inside)
  WHERE k = 1
),
size AS (SELECT cluster, count(*) AS n FROM dd_cluster GROUP BY cluster),
decided AS (SELECT a AS rid FROM dd_decided WHERE samma UNION SELECT b FROM dd_decided WHERE samma)
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
    WHEN b.sannolikhet >= ${match} THEN 'poang'
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
FROM dd_record_view v
JOIN size s ON s.cluster = v.cluster
LEFT JOIN best b ON b.rid = v.rid
LEFT JOIN dd_record_view pv ON pv.rid = b.partner;

-- One row per initiative.
CREATE OR REPLACE VIEW dd_out_entities AS
SELECT
  e.entity_id,
  e.entity_namn AS namn,
  e.faktablad_id AS factsheet_id,
  count(*) FILTER (WHERE i.slag = 'källa') AS antal_rader,
  list(DISTINCT i.source_file ORDER BY i.source_file) FILTER (WHERE i.slag = 'källa') AS kallor,
  list(DISTINCT i.kalla ORDER BY i.kalla) FILTER (WHERE i.slag = 'källa') AS kalla,
  list(DISTINCT trim(i.namn) ORDER BY trim(i.namn)) AS namnvarianter,
  list(DISTINCT i.webb_kanonisk ORDER BY i.webb_kanonisk) FILTER (WHERE i.webb_kanonisk IS NOT NULL) AS webbadresser,
  list(DISTINCT trim(i.adress) ORDER BY trim(i.adress)) FILTER (WHERE coalesce(trim(i.adress), '') <> '') AS adresser
FROM dd_entities e
JOIN dd_cluster c ON c.cluster = e.cluster
JOIN dd_input i ON i.record_id = c.record_id
GROUP BY e.entity_id, e.entity_namn, e.faktablad_id;

-- Pairs for an analyst: the strongest record pair between two entities when it falls between the thresholds,
-- when it shares an e-mail address, a phone number, a contact person or a site (dd_shared_pairs, near.sql),
-- or when the scores linked it and a rule refused. Entities an analyst already decided about are left out.
CREATE OR REPLACE VIEW dd_out_review AS
WITH
candidates AS (
  SELECT p.*,
    CASE WHEN p.sannolikhet >= ${review} AND p.sannolikhet < ${match} THEN 'mellan trösklarna'
      ELSE 'delar ' || s.delar END AS skal,
    coalesce(s.delar, '') AS delar
  FROM dd_pairs_view p
  LEFT JOIN dd_shared_pairs s ON s.a = p.a AND s.b = p.b
  WHERE (p.sannolikhet >= ${review} AND p.sannolikhet < ${match}) OR s.a IS NOT NULL
  UNION ALL
  -- A change of the existing entities since the previous run (changes.sql): it needs a decision.
  SELECT p.*,
    'ändrat sedan förra körningen: ' || CASE c.andring WHEN 'delad' THEN 'var ett initiativ (' || c.entity || '), nu två'
      ELSE 'var två initiativ (' || c.entity || '), nu ett' END,
    coalesce(s.delar, '')
  FROM dd_membership_changes c
  JOIN dd_pairs_view p ON p.a = c.a AND p.b = c.b
  LEFT JOIN dd_shared_pairs s ON s.a = p.a AND s.b = p.b
  UNION ALL
  SELECT p.*,
    CASE r.reason
      WHEN 'faktablad' THEN 'länkad men spärrad: två faktablad (' || xa.beslutsnamn || ', ' || xb.beslutsnamn || ')'
      WHEN 'veto' THEN 'länkad men spärrad: ' || xa.namn || ' (' || xa.fil || ':' || xa.rad || ') och ' || xb.namn
        || ' (' || xb.fil || ':' || xb.rad || ') är klart olika'
      ELSE 'länkad men spärrad av beslut: ' || xa.namn || ' / ' || xb.namn
    END,
    coalesce(s.delar, '')
  FROM dd_rejected r
  JOIN dd_pairs_view p ON p.a = r.a AND p.b = r.b
  JOIN dd_record_view xa ON xa.rid = r.blocker_a
  JOIN dd_record_view xb ON xb.rid = r.blocker_b
  LEFT JOIN dd_shared_pairs s ON s.a = p.a AND s.b = p.b
),
between_entities AS (
  SELECT c.*, ra.cluster AS ca, rb.cluster AS cb
  FROM candidates c
  JOIN dd_record_view ra ON ra.rid = c.a
  JOIN dd_record_view rb ON rb.rid = c.b
  WHERE ra.cluster <> rb.cluster OR starts_with(c.skal, 'ändrat')
),
decided_entities AS (
  SELECT DISTINCT least(ca.cluster, cb.cluster) AS x, greatest(ca.cluster, cb.cluster) AS y
  FROM dd_decided d JOIN dd_cluster ca ON ca.rid = d.a JOIN dd_cluster cb ON cb.rid = d.b
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
JOIN dd_record_view ra ON ra.rid = s.a
JOIN dd_record_view rb ON rb.rid = s.b;

-- The ledger the criteria stage completes: one row per source-list row, outcome and reason still empty.
CREATE OR REPLACE VIEW dd_out_ledger AS
SELECT
  source_file,
  source_line,
  namn AS raw_name,
  entity_id,
  entity_namn AS entity_name,
  NULL::VARCHAR AS outcome,
  NULL::VARCHAR AS reason
FROM dd_out_membership
WHERE slag = 'källa';
