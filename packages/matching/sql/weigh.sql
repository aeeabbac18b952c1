-- dd_pairs: the pairs' levels (dd_pair_levels, levels.sql) weighed with the estimated model, as a view: each
-- feature's Fellegi–Sunter weight in bits (log2 m/u of its level, plus its term-frequency adjustment) and the match
-- probability of the sum with the prior. Computed where a reader needs them (the weights are a few additions a
-- pair): written out as a table, the 4.3 million pairs of a million records took 1.7–2.3 s to copy. Pairs scored
-- later (add-pairs.sql) join dd_pair_levels and are weighed by the same model.
CREATE OR REPLACE VIEW dd_pairs AS
WITH w AS (
  SELECT
    a,
    b,
    dd_keys_of(nyckelmask) AS nycklar,
    namn_niva,
    webb_niva,
    telefon_niva,
    postnummer_niva,
    kontakt_niva,
    {{ var('w_namn') }} + namn_tf AS namn_vikt,
    {{ var('w_webb') }} + webb_tf AS webb_vikt,
    {{ var('w_telefon') }} + telefon_tf AS telefon_vikt,
    {{ var('w_postnummer') }} + postnummer_tf AS postnummer_vikt,
    {{ var('w_kontakt') }} + kontakt_tf AS kontakt_vikt,
    namn_tf,
    webb_tf,
    telefon_tf,
    postnummer_tf,
    kontakt_tf
  FROM dd_pair_levels
)
-- kontor_vikt: the office's evidence (phone, postcode, contact) summed, each already adjusted for how common
-- its value is.
SELECT
  a, b, nycklar, namn_niva, webb_niva, telefon_niva, postnummer_niva, kontakt_niva,
  namn_vikt, webb_vikt, telefon_vikt, postnummer_vikt, kontakt_vikt,
  telefon_vikt + postnummer_vikt + kontakt_vikt AS kontor_vikt,
  telefon_tf, postnummer_tf, kontakt_tf, namn_tf, webb_tf,
  {{ var('prior_bits') }} + namn_vikt + webb_vikt + telefon_vikt + postnummer_vikt + kontakt_vikt AS matchvikt,
  1.0 / (1.0 + pow(2.0, -({{ var('prior_bits') }} + namn_vikt + webb_vikt + telefon_vikt + postnummer_vikt + kontakt_vikt))) AS sannolikhet
FROM w;
