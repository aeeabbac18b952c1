-- Pairs of orphans from the two sides that are one initiative, strongest first, with the evidence in Swedish
-- (grund): linked by the model (sannolikhet at least the match threshold), or, when the name and the web address
-- both changed, by an e-mail address in common, no phone or postcode that disagrees, and the office's weights
-- (phone, postcode, contact) with the prior reaching the match threshold's bits.
WITH p AS (
  SELECT ra.record_id AS x, rb.record_id AS y, p.sannolikhet, p.matchvikt,
    array_to_string(list_filter([
      CASE WHEN p.namn_niva IN ('exakt', 'nastan', 'akronym') THEN 'namn' END,
      CASE WHEN p.webb_niva IN ('samma', 'toppdoman') THEN 'webbadress' END,
      CASE WHEN p.postnummer_niva = 'samma' THEN 'postnummer' END,
      CASE WHEN p.telefon_niva = 'samma' THEN 'telefon' END,
      CASE WHEN p.kontakt_niva = 'epost' THEN 'e-post' WHEN p.kontakt_niva = 'samma' THEN 'kontaktperson' END],
      g -> g IS NOT NULL), ', ') AS grund
  FROM dd_pairs p JOIN dd_records ra ON ra.rid = p.a JOIN dd_records rb ON rb.rid = p.b
  WHERE left(ra.record_id, 1) <> left(rb.record_id, 1)
    AND (p.sannolikhet >= {{ var('match') }}
      OR (p.kontakt_niva = 'epost' AND p.telefon_niva <> 'olika' AND p.postnummer_niva <> 'olika'
        AND {{ var('prior_bits') }} + p.kontor_vikt >= {{ var('match_bits') }}))
)
SELECT substr(CASE WHEN x < y THEN x ELSE y END, 3) AS entity_a,
  substr(CASE WHEN x < y THEN y ELSE x END, 3) AS entity_b,
  sannolikhet, matchvikt, grund, oa.namn AS namn_a, ob.namn AS namn_b
FROM p
JOIN kkdiff_orphans oa ON oa.record_id = CASE WHEN x < y THEN x ELSE y END
JOIN kkdiff_orphans ob ON ob.record_id = CASE WHEN x < y THEN y ELSE x END
ORDER BY matchvikt DESC, entity_a, entity_b
