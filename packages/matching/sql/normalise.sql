-- Matching features, one row per record of {{ var('input') }}. These forms are for comparison only: the raw values
-- stay in the input and in every output a person reads.
--
-- {{ var('input') }} has: record_id VARCHAR (unique), namn VARCHAR, webb VARCHAR (canonical host + path as ingest
-- writes it), adress, postnummer, kontakt VARCHAR, telefon VARCHAR[] (national digits), epost VARCHAR[],
-- faktablad BOOLEAN.

-- Danish and Norwegian letters have no Unicode decomposition, so strip_accents alone leaves ø and æ. A text of
-- ASCII only (as many bytes as characters; four values in five) has nothing to fold but its case, and the
-- three passes cost more than the patterns that follow them.
CREATE OR REPLACE MACRO dd_fold(s) AS
  CASE WHEN strlen(coalesce(s, '')) = length(coalesce(s, '')) THEN lower(coalesce(s, ''))
    ELSE strip_accents(replace(translate(lower(coalesce(s, '')), 'øæðþł', 'oadtl'), 'ß', 'ss')) END;

-- Which side the join of the ranks streams: src/resolve.ts says, by the number of records. The planner streams
-- the input, which puts every record on one thread when the input is one row group (122 880 rows; DuckDB scans
-- a table on as many threads as it has row groups); there the ranks, which the window hands out on every thread,
-- are streamed instead.
SET disabled_optimizers = {{ var('rank_optimizers') }};

CREATE OR REPLACE TABLE dd_records AS
WITH
src AS (
  SELECT
    r.rid,
    record_id,
    coalesce(faktablad, false) AS faktablad,
    -- Runs of white space made one space; the pattern (RE2's \s is [\t\n\f\r ]) runs only on the few names that
    -- have such a run.
    trim(CASE WHEN regexp_matches(namn, '[\t\n\f\r]|  ') THEN regexp_replace(namn, '\s+', ' ', 'g')
      ELSE coalesce(namn, '') END) AS raw_name,
    lower(trim(coalesce(webb, ''))) AS w,
    postnummer,
    kontakt,
    telefon,
    epost
  -- The rank of record_id, ranked alone: a window over the whole rows sorted every column of the input with them.
  FROM (SELECT record_id, row_number() OVER (ORDER BY record_id)::INTEGER AS rid FROM {{ var('input') }}) r
  JOIN {{ var('input') }} USING (record_id)
),
-- An acronym given beside the name, "Printed Electronics Arena (PEA)", "Safety and Rescue Region – SRR",
-- "IFOR - Intelligenta Fordon Off-Road", is an alternative name, not part of the name.
-- Each pattern is tried only on the names that can match it (most names have no acronym): one that ends in a
-- parenthesis; one with a dash between spaces (raw_name has single spaces only); one of at most six letters
-- (24 bytes). Where a pattern is not tried its struct is NULL, which the CASEs below read as no match.
split AS (
  SELECT
    *,
    CASE WHEN suffix(raw_name, ')') THEN
      regexp_extract(raw_name, '^(.*[^\s(])\s*\(\s*([\p{Lu}\p{N}&]{2,8})\s*\)$', ['m', 'a']) END AS paren,
    CASE WHEN dashed THEN
      regexp_extract(raw_name, '^(.*\S)\s+[-–—]\s+([\p{Lu}\p{N}&]{2,8})$', ['m', 'a']) END AS after,
    CASE WHEN dashed THEN
      regexp_extract(raw_name, '^([\p{Lu}\p{N}&]{2,8})\s+[-–—]\s+(.*\S)$', ['a', 'm']) END AS before,
    strlen(raw_name) <= 24
      AND regexp_full_match(raw_name, '[\p{Lu}\p{N}&]{2,6}') AND regexp_matches(raw_name, '\p{L}') AS self_acronym
  FROM (
    SELECT *, contains(raw_name, ' - ') OR contains(raw_name, ' – ') OR contains(raw_name, ' — ') AS dashed FROM src
  )
),
parts AS (
  SELECT
    *,
    CASE
      WHEN paren.m <> '' THEN paren.m
      WHEN after.m <> '' THEN after.m
      WHEN before.m <> '' THEN before.m
      ELSE raw_name
    END AS main,
    CASE
      WHEN paren.m <> '' THEN paren.a
      WHEN after.m <> '' THEN after.a
      WHEN before.m <> '' THEN before.a
      WHEN self_acronym THEN raw_name
    END AS acr_raw
  FROM split
),
words AS (
  SELECT
    *,
    string_split(
      trim(regexp_replace(
        -- A web address in the name ("Processum.se"): only a name with a dot can hold one.
        CASE WHEN contains(folded, '.') THEN regexp_replace(folded, '\.(se|nu|com|org|net|eu|dk|info)\b', ' ', 'g')
          ELSE folded END,
        '[^a-z0-9]+', ' ', 'g')),
      ' ') AS all_tokens
  FROM (SELECT *, dd_fold(main) AS folded FROM parts)
),
tok AS (
  SELECT
    *,
    list_filter(all_tokens, t -> t <> '' AND NOT list_contains({{ var('fillers') }}, t)) AS kept_tokens,
    nullif(regexp_replace(dd_fold(acr_raw), '[^a-z0-9]', '', 'g'), '') AS acr,
    regexp_extract(w, '^[^/?#]+') AS host
  FROM words
),
-- A name of filler words only keeps them.
tok2 AS (
  SELECT * EXCLUDE (kept_tokens),
    CASE WHEN len(kept_tokens) > 0 THEN kept_tokens ELSE list_filter(all_tokens, t -> t <> '') END AS tokens
  FROM tok
),
web AS (
  SELECT
    *,
    regexp_replace(substr(w, length(host) + 1), '[^a-z0-9]+', '', 'g') AS path_n
  FROM tok2
),
web2 AS (
  SELECT
    *,
    path_n = ''
      OR regexp_full_match(path_n, '(index|default|start|home)(html?|aspx?|php|jsp)?|en|sv|se|eng|swe') AS path_trivial
  FROM web
),
-- Only the hosts config/model.json lists (universities, regions, agencies) are umbrella hosts. Whether a host
-- carries more than one initiative is no longer read from the other records (one new row with a path would
-- otherwise change every pair on that host): a pair on any other host is compared on its own two paths.
web3 AS (
  SELECT
    web2.*,
    list_filter(tokens, t -> NOT list_contains({{ var('generic_words') }}, t)) AS specific_tokens,
    -- One pattern for a listed host or any host under it (umbrella_re, src/model.ts): compiled once, not a
    -- lambda over the list per record.
    host <> '' AND regexp_full_match(host, {{ var('umbrella_re') }}) AS umbrella,
    -- The site's domain (its last two labels), once: web_key below is the domain too on any host but an umbrella.
    CASE WHEN host <> '' THEN coalesce(nullif(regexp_extract(host, '[^.]+\.[^.]+$'), ''), host) END AS domain
  FROM web2
),
features AS (
  SELECT
    rid,
    record_id,
    faktablad,
    raw_name,
    array_to_string(tokens, ' ') AS nm,
    array_to_string(tokens, '') AS compact,
    -- The words that make the name, without generic ones such as Sverige, for the typo comparison.
    CASE WHEN len(specific_tokens) > 0 THEN specific_tokens ELSE tokens END AS core,
    acr IS NOT NULL AND array_to_string(tokens, '') = acr AS bare_acronym,
    -- Legal forms and filler words the name carried: the preferred name of an entity avoids them.
    len(list_filter(all_tokens, t -> t <> '')) - len(tokens) AS dropped_words,
    acr,
    CASE WHEN len(tokens) >= 2 THEN array_to_string(list_transform(tokens, t -> t[1]), '') END AS initials,
    -- Spells the words of another name: every word contributes its first letter, and the letters in between
    -- may come from inside a word (SMTC = Stockholm MiljöTeknikCenter). RE2 has no backtracking blow-up.
    CASE WHEN length(acr) >= 2 THEN
      '^' || acr[1]
        || array_to_string(list_transform(string_split(acr[2:], ''), c -> '(?:[^ ]*' || c || '|[^ ]* ' || c || ')'), '')
        || '[^ ]*$'
    END AS acr_re,
    nullif(host, '') AS host,
    domain,
    -- The domain without its top-level part: x.se and x.com are often one initiative's old and new address.
    CASE WHEN host <> '' THEN nullif(regexp_extract(host, '([^.]+)\.[^.]+$', 1), '') END AS domain_label,
    umbrella,
    CASE
      WHEN host = '' THEN NULL
      WHEN umbrella THEN host || '/' || CASE WHEN path_trivial THEN '' ELSE path_n END
      ELSE domain
    END AS web_key,
    umbrella AND NOT path_trivial AS web_has_path,
    -- The page on the host, for a pair on a host that is not an umbrella host: two different pages of one
    -- site are weaker evidence than one page (see levels.sql).
    CASE WHEN host <> '' AND NOT path_trivial THEN path_n END AS web_path,
    list_sort(list_distinct(list_filter(coalesce(telefon, []), x -> x IS NOT NULL AND length(x) >= 7))) AS phones,
    CASE WHEN regexp_full_match(coalesce(postnummer, ''), '\d{5}') THEN postnummer END AS postcode,
    nullif(trim(regexp_replace(dd_fold(kontakt), '[^a-z]+', ' ', 'g')), '') AS contact,
    -- Placeholder addresses such as förnamn.efternamn@igis.se name no one.
    list_sort(list_distinct(list_filter(
      list_transform(coalesce(epost, []), e -> lower(trim(e))),
      e -> e IS NOT NULL AND NOT regexp_matches(e, '^(firstname|f[oö]rnamn|name|namn)[._]')))) AS emails
  FROM web3
)
SELECT
  *,
  -- Name forms without generic words, compared whole: joined words, reordered words and both at once
  -- (Nordic Imaging / NordicImaging / Imaging Nordic / ImagingNordic) are one name.
  array_to_string(core, '') AS core_compact,
  list_sort(core) AS core_sorted_list,
  array_to_string(list_sort(core), '') AS core_sorted,
  array_to_string(list_reverse(core), '') AS core_reversed,
  -- A record's place among equals: by what it says, not by its id, so that blocking's neighbourhoods and the
  -- estimation's random pairs do not depend on the records' ids or order (only identical records tie).
  hash(faktablad, raw_name, host, web_path, phones, emails, postcode, contact) AS content_hash
FROM features
;

RESET disabled_optimizers;

-- One row per name form, its words and its acronym (every other name feature follows from these two): a pair's
-- name level depends on its two names only, and names repeat (60 000 forms among 100 000 records, 141 000
-- pairs of forms among 285 000 candidate pairs), so levels.sql compares each pair of forms once. Its id is the
-- first record that gives it.
CREATE OR REPLACE TABLE dd_names AS
SELECT
  min(rid) AS name_id,
  nm,
  acr,
  any_value(compact) AS compact,
  any_value(core) AS core,
  any_value(core_sorted_list) AS core_sorted_list,
  any_value(core_sorted) AS core_sorted,
  any_value(core_compact) AS core_compact,
  any_value(core_reversed) AS core_reversed,
  any_value(bare_acronym) AS bare_acronym,
  any_value(acr_re) AS acr_re,
  any_value(initials) AS initials
FROM dd_records
GROUP BY nm, acr;

-- Term frequencies. A value that many initiatives share (a shared office's switchboard, a science park's
-- postcode, a person who runs several initiatives) is weaker evidence than one only one initiative gives,
-- as in Splink's term-frequency adjustment. The initiatives are not known yet, so a value's frequency is the
-- number of different names (sorted name words) that give it: the eight rows of one initiative on eight lists
-- count once, the four initiatives at Stortorget 9 four times. A shared value weighs log2(names) bits less
-- than its level's weight (see levels.sql); a pair sharing several values counts its rarest.
--
-- id stands for the value where pairs are compared (dd_compare): an integer is far cheaper than a string to carry
-- through a join and to compare, and it carries the count in its upper 32 bits (the row number in the lower ones
-- keeps it unique), so the smallest id two records share is their rarest shared value and id >> 32 its count.
CREATE OR REPLACE TABLE dd_value_names AS
SELECT falt, v, namn, (namn::BIGINT << 32) | row_number() OVER (PARTITION BY falt) AS id
FROM (
SELECT 'telefon' AS falt, v, count(DISTINCT core_sorted)::INTEGER AS namn
FROM (SELECT unnest(phones) AS v, core_sorted FROM dd_records) GROUP BY v
UNION ALL
SELECT 'epost', v, count(DISTINCT core_sorted)::INTEGER
FROM (SELECT unnest(emails) AS v, core_sorted FROM dd_records) GROUP BY v
UNION ALL
SELECT 'kontakt', contact, count(DISTINCT core_sorted)::INTEGER FROM dd_records WHERE contact IS NOT NULL GROUP BY contact
UNION ALL
SELECT 'postnummer', postcode, count(DISTINCT core_sorted)::INTEGER FROM dd_records WHERE postcode IS NOT NULL GROUP BY postcode
UNION ALL
SELECT 'webb', web_key, count(DISTINCT core_sorted)::INTEGER FROM dd_records WHERE web_key IS NOT NULL GROUP BY web_key
UNION ALL
-- A name's words counted once per name: the name forms that give one name (its words and its sorted words) are
-- made one row before their words are unnested.
SELECT 'ord', v, count(DISTINCT core_sorted)::INTEGER
FROM (SELECT unnest(list_distinct(core)) AS v, core_sorted FROM (SELECT DISTINCT core, core_sorted FROM dd_names))
GROUP BY v
);

-- Per record, only what a comparison reads besides the name (that is in dd_names), as integers where it can:
-- levels.sql joins every pair with both its records, and integers cost that join and the comparisons far less
-- than strings and lists (a list costs as much as all the rest). A value is its id in dd_value_names (equal
-- values, equal ids; the count in the upper bits). A record has mostly one phone number and one e-mail address
-- at most: the smallest id is a column of its own, and the list of them is kept only for a record with more.
CREATE OR REPLACE TABLE dd_compare AS
WITH
ph AS (
  SELECT x.rid, min(t.id) AS id, CASE WHEN count(*) > 1 THEN list(t.id) END AS ids
  FROM (SELECT rid, unnest(phones) AS v FROM dd_records) x
  JOIN dd_value_names t ON t.falt = 'telefon' AND t.v = x.v
  GROUP BY x.rid
),
em AS (
  SELECT x.rid, min(t.id) AS id, CASE WHEN count(*) > 1 THEN list(t.id) END AS ids
  FROM (SELECT rid, unnest(emails) AS v FROM dd_records) x
  JOIN dd_value_names t ON t.falt = 'epost' AND t.v = x.v
  GROUP BY x.rid
)
SELECT
  r.rid,
  n.name_id,
  -- NULL exactly when the record has no host (the domain is the host itself where it has no two labels).
  r.domain,
  -- Short labels are acronyms, and many organisations share a few letters across domains.
  CASE WHEN length(r.domain_label) >= 8 THEN r.domain_label END AS label,
  r.umbrella,
  r.web_has_path,
  r.web_path,
  tw.id AS web,
  ph.id AS phone,
  ph.ids AS phones,
  tp.id AS postcode,
  tc.id AS contact,
  em.id AS email,
  em.ids AS emails
FROM dd_records r
JOIN dd_names n ON n.nm = r.nm AND n.acr IS NOT DISTINCT FROM r.acr
LEFT JOIN ph ON ph.rid = r.rid
LEFT JOIN em ON em.rid = r.rid
LEFT JOIN dd_value_names tc ON tc.falt = 'kontakt' AND tc.v = r.contact
LEFT JOIN dd_value_names tp ON tp.falt = 'postnummer' AND tp.v = r.postcode
LEFT JOIN dd_value_names tw ON tw.falt = 'webb' AND tw.v = r.web_key;
