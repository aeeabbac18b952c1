-- Every scored pair's evidence as the outputs show it: weights rounded so that outputs stay byte-identical
-- (var('prior_bits'): the model's prior).
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
  round({{ var('prior_bits') }}, 3) AS prior_vikt,
  round(p.matchvikt, 3) AS matchvikt,
  round(p.sannolikhet, 4) AS sannolikhet,
  -- The term-frequency part of telefon_vikt, postnummer_vikt and kontakt_vikt (bits; 0 for a value one
  -- name gives): the waterfall of a pair is prior_vikt + namn_vikt + webb_vikt + the three office weights.
  round(p.telefon_tf, 3) AS telefon_tf,
  round(p.postnummer_tf, 3) AS postnummer_tf,
  round(p.kontakt_tf, 3) AS kontakt_tf,
  round(p.namn_tf, 3) AS namn_tf,
  round(p.webb_tf, 3) AS webb_tf
FROM {{ source('dd_pairs') }} p
