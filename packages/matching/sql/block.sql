-- Blocking: the candidate pairs worth scoring. Sorted neighbourhood on several keys: records are sorted by a
-- key and each is paired with the next {{ var('window') }}, so the number of pairs grows with the records, not with their
-- square, and a key shared by thousands (a switchboard, an umbrella host) costs no more than any other.
--
-- Name keys are fuzzy: the compact name catches typos at the end, the reversed one typos at the start, the
-- sorted words reordered names; a neighbour is kept only when the keys are alike. The other keys are exact:
-- neighbours must share the key, and within a key they are ordered by name so that the closest names meet.

-- The keys, the blocking's sorted: a pair lists the keys that found it in this order. The last three bring a pair up
-- after blocking, each alone: a cluster's pairs (component-pairs.sql), records that share a value (near.sql), a
-- change of entities (the dedupe stage's changes.sql). A key is known by its bit (bit i for the i-th key), an integer
-- that is cheaper than its name to partition by and to gather, and a pair carries the bits of its keys (nyckelmask),
-- which dd_pairs lists (weigh.sql): written out for every pair, the lists cost as much as all its levels.
CREATE OR REPLACE MACRO dd_pair_keys() AS
  ['akronym', 'epost', 'kontakt', 'namn', 'namn_bakvant', 'ordning', 'telefon', 'webb', 'kluster', 'delar', 'andring'];
CREATE OR REPLACE MACRO dd_key_bit(nyckel) AS
  1 << (coalesce(list_position(dd_pair_keys(), nyckel), error('block.sql: key ' || nyckel || ' is not in dd_pair_keys')) - 1);
-- A pair's list of keys (dd_keys_of): for the blocking's eight keys, one look-up in the lists of every set of their
-- bits, made once (a constant, folded when the statement is planned) rather than a filter of the keys per pair; a
-- later key comes alone, and is found the slow way. (The lists of all eleven keys' sets, 2 048 of them, made a
-- look-up four times slower: 0.45 against 0.11 s for the 4.3 million pairs of a million records.)
CREATE OR REPLACE MACRO dd_key_lists() AS
  list_transform(range(1 << 8), m -> list_filter(dd_pair_keys(), (k, i) -> (m >> (i - 1)) & 1 = 1));
CREATE OR REPLACE MACRO dd_keys_of(mask) AS
  CASE
    WHEN mask < 256 THEN dd_key_lists()[mask + 1]
    ELSE list_filter(dd_pair_keys(), (k, i) -> (mask >> (i - 1)) & 1 = 1)
  END;

-- acr: whether the record carries an acronym; an acronym key only pairs records of which one does.
CREATE OR REPLACE TABLE dd_keys AS
SELECT rid, content_hash, dd_key_bit('namn') AS nyckel, core_compact AS k, '' AS k2, false AS acr FROM dd_records WHERE core_compact <> ''
UNION ALL
SELECT rid, content_hash, dd_key_bit('namn_bakvant'), reverse(core_compact), '', false FROM dd_records WHERE core_compact <> ''
UNION ALL
SELECT rid, content_hash, dd_key_bit('ordning'), core_sorted, '', false FROM dd_records WHERE len(core) >= 2
UNION ALL
SELECT rid, content_hash, dd_key_bit('webb'), web_key, compact, false FROM dd_records WHERE web_key IS NOT NULL
UNION ALL
SELECT rid, content_hash, dd_key_bit('telefon'), unnest(phones), compact, false FROM dd_records
UNION ALL
SELECT rid, content_hash, dd_key_bit('kontakt'), contact, compact, false FROM dd_records WHERE contact IS NOT NULL
UNION ALL
SELECT rid, content_hash, dd_key_bit('epost'), unnest(emails), compact, false FROM dd_records
UNION ALL
SELECT rid, content_hash, dd_key_bit('akronym'), acr, coalesce(web_key, ''), true FROM dd_records WHERE acr IS NOT NULL
UNION ALL
-- The initials of a name meet the acronym of another (MMSS and Moving Media Southern Sweden).
SELECT rid, content_hash, dd_key_bit('akronym'), initials, coalesce(web_key, ''), false FROM dd_records
WHERE length(initials) >= 2 AND acr IS NULL;

-- {{ var('fuzzy_neighbours') }} and {{ var('exact_neighbours') }} are lists of lead(…, i) for i = 1..window (see src/block.ts).
-- Name keys are partitioned by their first letter as well, so that the sorts run in parallel; a typo in the
-- first letter still meets its neighbours through the reversed name.
CREATE OR REPLACE TABLE dd_candidates AS
WITH
fuzzy AS (
  SELECT nyckel, rid AS a, k AS ka, unnest({{ var('fuzzy_neighbours') }}) AS nb
  FROM dd_keys WHERE nyckel IN (dd_key_bit('namn'), dd_key_bit('namn_bakvant'), dd_key_bit('ordning'))
  WINDOW s AS (PARTITION BY nyckel, k[1] ORDER BY k, content_hash, rid)
),
exact AS (
  SELECT nyckel, rid AS a, acr AS acr_a, unnest({{ var('exact_neighbours') }}) AS nb
  FROM dd_keys WHERE nyckel NOT IN (dd_key_bit('namn'), dd_key_bit('namn_bakvant'), dd_key_bit('ordning'))
  WINDOW s AS (PARTITION BY nyckel, k ORDER BY k2, content_hash, rid)
),
found AS (
  SELECT nyckel, a, nb.b AS b FROM fuzzy
  WHERE nb.b IS NOT NULL AND (ka = nb.kb OR jaro_winkler_similarity(ka, nb.kb) >= {{ var('name_similarity') }})
  UNION ALL
  SELECT nyckel, a, nb.b FROM exact WHERE nb.b IS NOT NULL AND (nyckel <> dd_key_bit('akronym') OR acr_a OR nb.acr_b)
)
-- A pair's keys, each once: gathered as the bits of an integer, cheaper than a list per pair made distinct and
-- sorted.
SELECT a, b, nyckelmask
FROM (
  SELECT least(a, b) AS a, greatest(a, b) AS b, bit_or(nyckel) AS nyckelmask
  FROM found
  WHERE a <> b
  GROUP BY ALL
);

-- The keys are read by nothing else, and hold as much memory as the candidates and the records' integers together:
-- left behind, the later steps of a million records spilled to disk.
DROP TABLE dd_keys;
