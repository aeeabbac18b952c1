-- The levels of the pairs in {{ var('pairs') }} (a, b, nyckelmask) into {{ var('out') }}: for each feature the level of agreement and,
-- for a shared value, its term-frequency adjustment in bits. Reads dd_compare, dd_names and dd_value_names
-- (normalise.sql).
-- Estimation (src/estimate.ts) counts these levels; weigh.sql turns them into weights and a match probability.

-- Two words one typo apart: equal, or one edit apart when longer than four letters (Food / Wood are two
-- words), starting alike (same first letter, or the first two swapped). The CASE keeps the costly edit
-- distance away from the many equal words.
CREATE OR REPLACE MACRO dd_one_typo(x, y) AS
  CASE
    WHEN x = y THEN true
    WHEN greatest(length(x), length(y)) <= 4 OR abs(length(x) - length(y)) > 1 THEN false
    WHEN NOT (x[1] = y[1] OR (length(x) = length(y) AND x[1] = y[2] AND x[2] = y[1])) THEN false
    ELSE damerau_levenshtein(x, y) <= 1
  END;

-- What an acronym needs to spell a name (acr_re in normalise.sql) and a LIKE can test without compiling a
-- pattern: its letters are in the name in its order, from the name's first letter on, and the initials of the
-- name's words are in the acronym in their order, from its first letter on (every word gives the letter that
-- enters it). Names and acronyms are letters and digits only, so neither pattern holds a wildcard of its own.
CREATE OR REPLACE MACRO dd_may_spell(acr, name, initials) AS
  name LIKE array_to_string(string_split(acr, ''), '%') || '%'
  AND acr LIKE array_to_string(string_split(initials, ''), '%') || '%';

-- The smallest id two records share among their phone numbers or e-mail addresses (dd_compare: the smallest
-- id, and the list of all only when there are several), NULL when they share none.
CREATE OR REPLACE MACRO dd_shared(x, xs, y, ys) AS
  CASE
    WHEN xs IS NULL AND ys IS NULL THEN CASE WHEN x = y THEN x END
    ELSE list_min(list_intersect(coalesce(xs, [x]), coalesce(ys, [y])))
  END;

-- The name level, once per pair of name forms. Which side its joins stream: src/levels.ts says, by the number of
-- names.
SET disabled_optimizers = {{ var('name_optimizers') }};

CREATE OR REPLACE TABLE dd_name_levels AS
WITH
name_pairs AS (
  SELECT DISTINCT ra.name_id AS name_a, rb.name_id AS name_b
  FROM {{ var('pairs') }} p
  JOIN dd_compare ra ON ra.rid = p.a
  JOIN dd_compare rb ON rb.rid = p.b
),
j AS (
  SELECT
    np.name_a,
    np.name_b,
    (ra.core_compact = rb.core_compact OR ra.core_sorted = rb.core_sorted OR ra.core_compact = rb.core_reversed
      OR ra.core_reversed = rb.core_compact) AND NOT (ra.bare_acronym AND rb.bare_acronym) AS same_name,
    len(ra.core) AS words_a,
    len(rb.core) AS words_b,
    ra.compact AS ra_compact,
    rb.compact AS rb_compact,
    ra.core AS ka,
    rb.core AS kb,
    ra.core_sorted_list AS sa,
    rb.core_sorted_list AS sb,
    ra.core_sorted AS sa_s,
    rb.core_sorted AS sb_s,
    ra.core_compact AS ca,
    rb.core_compact AS cb,
    ra.nm AS na,
    rb.nm AS nb,
    ra.bare_acronym AS bare_a,
    rb.bare_acronym AS bare_b,
    ra.acr AS acr_a,
    rb.acr AS acr_b,
    ra.acr_re AS re_a,
    rb.acr_re AS re_b,
    ra.initials AS ini_a,
    rb.initials AS ini_b
  FROM name_pairs np
  JOIN dd_names ra ON ra.name_id = np.name_a
  JOIN dd_names rb ON rb.name_id = np.name_b
),
-- The words the two names share: not needed when the names are one (exakt). Intersected once: the rarest shared
-- word (below) reads the same list.
j1 AS (
  SELECT
    *,
    CASE WHEN NOT same_name THEN list_intersect(ka, kb) END AS shared_list
  FROM j
),
j2 AS (
  SELECT
    *,
    len(shared_list) AS shared_words
  FROM j1
),
j3 AS (
  SELECT
    *,
    shared_words = least(words_a, words_b) AS subset
  FROM j2
),
lv AS (
  SELECT
    *,
    CASE
      WHEN same_name THEN 'exakt'
      -- Typos: the words, in their order or sorted, each at most one edit apart (none when both have at most
      -- four letters, where one letter makes another word: Food / Wood) and starting alike (the same first
      -- letter, or the first two swapped). Generic words (Sverige) do not count. A whole extra word is no
      -- typo, nor is one letter more when it is a word of its own (Innovations / Innovation X): that is
      -- delmangd or likt. Bare acronyms one letter apart (OHVN / OIHVN) are other acronyms, not typos.
      -- Cheap tests, then Jaro–Winkler screens, then the edit distances, which cost twenty times a
      -- Jaro–Winkler: a name one edit per word away from another is always this alike in one of the two word
      -- orders. (A WHEN evaluates each term only on the rows the terms before it let through.)
      WHEN NOT subset AND NOT bare_a AND NOT bare_b AND len(ka) = len(kb)
        AND (jaro_winkler_similarity(ca, cb) >= 0.85 OR jaro_winkler_similarity(sa_s, sb_s) >= 0.85)
        AND (list_bool_and(list_transform(list_zip(ka, kb), z -> dd_one_typo(z[1], z[2])))
          OR list_bool_and(list_transform(list_zip(sa, sb), z -> dd_one_typo(z[1], z[2])))) THEN 'nastan'
      WHEN acr_a = acr_b
        -- An acronym that is the other name's initials spells it (the pattern always matches then): tested
        -- first, as the pattern is compiled anew for every pair that gets that far. So is what the pattern
        -- needs (dd_may_spell), which rules out nineteen pairs in twenty for the cost of two LIKEs.
        OR (re_a IS NOT NULL AND NOT bare_b AND acr_a[1] = nb[1]
          AND (acr_a = ini_b
            OR (dd_may_spell(acr_a, nb, coalesce(ini_b, nb[1])) AND regexp_full_match(nb, re_a))
            OR (dd_may_spell(acr_a, array_to_string(kb, ' '), array_to_string(list_transform(kb, w -> w[1]), ''))
              AND regexp_full_match(array_to_string(kb, ' '), re_a))))
        OR (re_b IS NOT NULL AND NOT bare_a AND acr_b[1] = na[1]
          AND (acr_b = ini_a
            OR (dd_may_spell(acr_b, na, coalesce(ini_a, na[1])) AND regexp_full_match(na, re_b))
            OR (dd_may_spell(acr_b, array_to_string(ka, ' '), array_to_string(list_transform(ka, w -> w[1]), ''))
              AND regexp_full_match(array_to_string(ka, ' '), re_b)))) THEN 'akronym'
      WHEN subset THEN 'delmangd'
      WHEN jaro_winkler_similarity(ra_compact, rb_compact) >= 0.88
        OR 3 * shared_words >= words_a + words_b THEN 'likt'
      ELSE 'olika'
    END AS namn_niva
  FROM j3
),
-- Only what the rest reads: a CTE read twice is written out whole, and the pairs' words would cost more to write
-- than to compare.
lvn AS (
  SELECT name_a, name_b, namn_niva, CASE WHEN namn_niva IN ('delmangd', 'likt') THEN shared_list END AS shared
  FROM lv
),
-- Names that share only some words: the rarest shared word, as many names as give it (Uppsala and Bio are in
-- many names, Aluminiumriket in one). Looked up for these pairs only, rather than a map of counts kept for
-- every name.
rarest AS (
  SELECT x.name_a, x.name_b, min(t.namn) AS k
  FROM (SELECT name_a, name_b, unnest(shared) AS v FROM lvn WHERE namn_niva IN ('delmangd', 'likt')) x
  JOIN dd_value_names t ON t.falt = 'ord' AND t.v = x.v
  GROUP BY x.name_a, x.name_b
)
SELECT
  n.name_a,
  n.name_b,
  n.namn_niva,
  CASE WHEN n.namn_niva IN ('delmangd', 'likt') THEN -log2(greatest(coalesce(r.k, 1), 1)) ELSE 0.0 END AS namn_tf
FROM lvn n LEFT JOIN rarest r ON r.name_a = n.name_a AND r.name_b = n.name_b;

-- For as many pairs as records or more ({{ var('pair_optimizers') }}; src/levels.ts), the joins run as written: the
-- pairs stream, and each joins the records' integers (dd_compare, narrow enough to build on a million records)
-- and then its names' level. Left to itself the planner joined the name levels to the records first (4.4 million
-- wide rows to build on, twice the time), and up to one row group of records (122 880 rows; DuckDB scans a table
-- on as many threads as it has row groups) it streamed the records, which put every pair on one thread. Fewer
-- pairs than records (the random pairs of a large edition, a cluster's pairs) are left to the planner, which builds
-- on the pairs: 200 000 random pairs of a million records 0.5–0.8 → 0.2–0.3 s, the same rows.
SET disabled_optimizers = {{ var('pair_optimizers') }};

-- Every other feature, and the name level of the pair's two name forms. The records' values are integers
-- (dd_compare): a shared value is an equal id, and the smallest id two records share is their rarest value.
CREATE OR REPLACE TABLE {{ var('out') }} AS
WITH
j AS (
  SELECT
    p.a,
    p.b,
    p.nyckelmask,
    n.namn_niva,
    n.namn_tf,
    CASE
      WHEN ra.domain IS NULL OR rb.domain IS NULL THEN 'saknas'
      WHEN ra.umbrella OR rb.umbrella THEN
        CASE
          WHEN ra.web_has_path AND rb.web_has_path AND ra.web = rb.web THEN 'samma'
          WHEN ra.domain = rb.domain THEN 'paraply'
          ELSE 'olika'
        END
      -- Two different pages of one site: a site that is not an umbrella host may still carry several
      -- initiatives, so this pair's own paths decide, never another record's.
      WHEN ra.domain = rb.domain AND ra.web_path <> rb.web_path THEN 'paraply'
      WHEN ra.domain = rb.domain THEN 'samma'
      WHEN ra.label = rb.label THEN 'toppdoman'
      ELSE 'olika'
    END AS webb_niva,
    CASE WHEN ra.web = rb.web THEN ra.web END AS web_shared,
    ra.phone IS NULL OR rb.phone IS NULL AS phone_missing,
    dd_shared(ra.phone, ra.phones, rb.phone, rb.phones) AS phone_shared,
    CASE
      WHEN ra.postcode IS NULL OR rb.postcode IS NULL THEN 'saknas'
      WHEN ra.postcode = rb.postcode THEN 'samma'
      ELSE 'olika'
    END AS postnummer_niva,
    CASE WHEN ra.postcode = rb.postcode THEN ra.postcode END AS postcode_shared,
    dd_shared(ra.email, ra.emails, rb.email, rb.emails) AS email_shared,
    CASE WHEN ra.contact = rb.contact THEN ra.contact END AS contact_shared,
    ra.contact IS NOT NULL AND rb.contact IS NOT NULL AS contact_both
  FROM {{ var('pairs') }} p
  JOIN dd_compare ra ON ra.rid = p.a
  JOIN dd_compare rb ON rb.rid = p.b
  JOIN dd_name_levels n ON n.name_a = ra.name_id AND n.name_b = rb.name_id
),
lv AS (
  SELECT
    *,
    CASE WHEN phone_missing THEN 'saknas' WHEN phone_shared IS NOT NULL THEN 'samma' ELSE 'olika' END AS telefon_niva,
    CASE
      WHEN email_shared IS NOT NULL THEN 'epost'
      WHEN contact_shared IS NOT NULL THEN 'samma'
      WHEN contact_both THEN 'olika'
      ELSE 'saknas'
    END AS kontakt_niva
  FROM j
)
-- A value that k names share weighs log2(k) bits less than one name's (normalise.sql); only the positive
-- levels are adjusted: the rarest value the two share, as many names as give it (its id's upper bits).
SELECT
  a, b, nyckelmask, namn_niva, webb_niva, telefon_niva, postnummer_niva, kontakt_niva, namn_tf,
  -- A site several names give (a science park's, a region's page for its programmes).
  CASE WHEN webb_niva = 'samma' THEN -log2(greatest(coalesce(web_shared >> 32, 1), 1)) ELSE 0.0 END AS webb_tf,
  CASE WHEN telefon_niva = 'samma' THEN -log2(greatest(coalesce(phone_shared >> 32, 1), 1)) ELSE 0.0 END AS telefon_tf,
  CASE WHEN postnummer_niva = 'samma' THEN -log2(greatest(coalesce(postcode_shared >> 32, 1), 1)) ELSE 0.0 END AS postnummer_tf,
  CASE
    WHEN kontakt_niva = 'epost' THEN -log2(greatest(coalesce(email_shared >> 32, 1), 1))
    WHEN kontakt_niva = 'samma' THEN -log2(greatest(coalesce(contact_shared >> 32, 1), 1))
    ELSE 0.0
  END AS kontakt_tf
FROM lv;

DROP TABLE dd_name_levels;

RESET disabled_optimizers;
