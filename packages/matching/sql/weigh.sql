-- Weighs the levels in {{ var('out') }} (levels.sql) in place: each feature's Fellegi–Sunter weight in bits (log2 m/u of
-- its level, from the estimated model, plus its term-frequency adjustment) and the match probability of the sum
-- with the prior.
CREATE OR REPLACE TABLE {{ var('out') }} AS
WITH w AS (
  SELECT
    a,
    b,
    nycklar,
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
  FROM {{ var('out') }}
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
