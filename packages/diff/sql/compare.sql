-- The comparison of two editions loaded by sql/normalise.sql ({{ var('a') }}_… and {{ var('b') }}_…). kkdiff_renames (entity_a,
-- entity_b) holds the pairs the dedupe matching found among the entities without a partner by id. Everything
-- is set-based: the cost grows with the rows, not with their square.

-- The same entity in both editions: equal ids, then renames.
CREATE OR REPLACE TABLE kkdiff_map AS
SELECT a.entity_id AS entity_a, b.entity_id AS entity_b, false AS omdopt
FROM {{ var('a') }}_entity a JOIN {{ var('b') }}_entity b ON b.entity_id = a.entity_id
UNION ALL
SELECT entity_a, entity_b, true FROM kkdiff_renames;

CREATE OR REPLACE TABLE kkdiff_pairs AS
SELECT m.entity_a, m.entity_b, m.omdopt,
  a.namn AS namn_a, b.namn AS namn_b, a.utfall AS utfall_a, b.utfall AS utfall_b,
  a.factsheet_id AS faktablad_a, b.factsheet_id AS faktablad_b
FROM kkdiff_map m
JOIN {{ var('a') }}_entity a ON a.entity_id = m.entity_a
JOIN {{ var('b') }}_entity b ON b.entity_id = m.entity_b;

CREATE OR REPLACE TABLE kkdiff_changes (
  typ VARCHAR, entity_a VARCHAR, entity_b VARCHAR, namn VARCHAR, falt VARCHAR, fran VARCHAR, till VARCHAR
);

-- Added and removed: no partner, by id or by the matching.
INSERT INTO kkdiff_changes
SELECT 'tillagd', '', b.entity_id, b.namn, 'utfall', '', coalesce(b.utfall, '')
FROM {{ var('b') }}_entity b ANTI JOIN kkdiff_map m ON m.entity_b = b.entity_id;

INSERT INTO kkdiff_changes
SELECT 'borttagen', a.entity_id, '', a.namn, 'utfall', coalesce(a.utfall, ''), ''
FROM {{ var('a') }}_entity a ANTI JOIN kkdiff_map m ON m.entity_a = a.entity_id;

-- Renamed: a new name (whatever the id), or a new id under the same name.
INSERT INTO kkdiff_changes
SELECT 'namnbyte', entity_a, entity_b, namn_b,
  CASE WHEN namn_a IS DISTINCT FROM namn_b THEN 'namn' ELSE 'entity_id' END,
  CASE WHEN namn_a IS DISTINCT FROM namn_b THEN namn_a ELSE entity_a END,
  CASE WHEN namn_a IS DISTINCT FROM namn_b THEN namn_b ELSE entity_b END
FROM kkdiff_pairs WHERE omdopt OR namn_a IS DISTINCT FROM namn_b;

-- Moved between the lists (or out of them, or into them).
INSERT INTO kkdiff_changes
SELECT 'flyttad', entity_a, entity_b, namn_b, 'utfall', coalesce(utfall_a, ''), coalesce(utfall_b, '')
FROM kkdiff_pairs WHERE coalesce(utfall_a, '') <> coalesce(utfall_b, '');

-- Fact sheets: one row when an entity gains or loses its fact sheet, else one per changed field.
INSERT INTO kkdiff_changes
SELECT 'faktaandring', entity_a, entity_b, namn_b, 'faktablad', coalesce(faktablad_a, ''), coalesce(faktablad_b, '')
FROM kkdiff_pairs WHERE (faktablad_a IS NULL) <> (faktablad_b IS NULL);

-- Field by field: whole rows are compared first, and only rows that differ are unfolded into one row per field.
-- A row only one edition has counts as changed from or to nothing.
INSERT INTO kkdiff_changes
WITH d AS (
  SELECT p.entity_a, p.entity_b, p.namn_b, [
    {'f': 'internetadress', 'x': fa.internetadress, 'y': fb.internetadress},
    {'f': 'adress', 'x': fa.adress, 'y': fb.adress},
    {'f': 'telefonnummer', 'x': fa.telefonnummer, 'y': fb.telefonnummer},
    {'f': 'kontaktperson', 'x': fa.kontaktperson, 'y': fb.kontaktperson},
    {'f': 'geografiskt_omrade', 'x': fa.geografiskt_omrade, 'y': fb.geografiskt_omrade},
    {'f': 'typ_av_sektor', 'x': fa.typ_av_sektor, 'y': fb.typ_av_sektor},
    {'f': 'antal_medlemsforetag', 'x': fa.antal_medlemsforetag, 'y': fb.antal_medlemsforetag},
    {'f': 'startar', 'x': fa.startar, 'y': fb.startar},
    {'f': 'finansiarer', 'x': fa.finansiarer, 'y': fb.finansiarer},
    {'f': 'forskning', 'x': fa.forskning, 'y': fb.forskning},
    {'f': 'koppling', 'x': fa.koppling, 'y': fb.koppling}
  ] AS v
  FROM kkdiff_pairs p
  JOIN {{ var('a') }}_fact fa ON fa.entity_id = p.entity_a
  JOIN {{ var('b') }}_fact fb ON fb.entity_id = p.entity_b
  WHERE struct_pack(fa.internetadress, fa.adress, fa.telefonnummer, fa.kontaktperson, fa.geografiskt_omrade,
      fa.typ_av_sektor, fa.antal_medlemsforetag, fa.startar, fa.finansiarer, fa.forskning, fa.koppling)
    IS DISTINCT FROM struct_pack(fb.internetadress, fb.adress, fb.telefonnummer, fb.kontaktperson, fb.geografiskt_omrade,
      fb.typ_av_sektor, fb.antal_medlemsforetag, fb.startar, fb.finansiarer, fb.forskning, fb.koppling)
),
u AS (SELECT entity_a, entity_b, namn_b, unnest(v) AS v FROM d)
SELECT 'faktaandring', entity_a, entity_b, namn_b, v.f, v.x, v.y FROM u WHERE v.x <> v.y;

INSERT INTO kkdiff_changes
WITH xa AS (SELECT p.entity_a, p.entity_b, p.namn_b, s.* EXCLUDE (entity_id) FROM kkdiff_pairs p JOIN {{ var('a') }}_decision s ON s.entity_id = p.entity_a),
xb AS (SELECT p.entity_a, p.entity_b, p.namn_b, s.* EXCLUDE (entity_id) FROM kkdiff_pairs p JOIN {{ var('b') }}_decision s ON s.entity_id = p.entity_b),
d AS (
  SELECT coalesce(xa.entity_a, xb.entity_a) AS entity_a, coalesce(xa.entity_b, xb.entity_b) AS entity_b,
    coalesce(xa.namn_b, xb.namn_b) AS namn_b, [
      {'f': 'beslut', 'x': xa.beslut, 'y': xb.beslut},
      {'f': 'organisationstyp', 'x': xa.organisationstyp, 'y': xb.organisationstyp},
      {'f': 'aktiv', 'x': xa.aktiv, 'y': xb.aktiv},
      {'f': 'inaktiv_sedan', 'x': xa.inaktiv_sedan, 'y': xb.inaktiv_sedan},
      {'f': 'egen_webbplats', 'x': xa.egen_webbplats, 'y': xb.egen_webbplats},
      {'f': 'undantag', 'x': xa.undantag, 'y': xb.undantag},
      {'f': 'skal_kod', 'x': xa.skal_kod, 'y': xb.skal_kod}
    ] AS v
  FROM xa FULL JOIN xb ON xb.entity_a = xa.entity_a AND xb.entity_b = xa.entity_b
  WHERE struct_pack(xa.beslut, xa.organisationstyp, xa.aktiv, xa.inaktiv_sedan, xa.egen_webbplats, xa.undantag, xa.skal_kod)
    IS DISTINCT FROM struct_pack(xb.beslut, xb.organisationstyp, xb.aktiv, xb.inaktiv_sedan, xb.egen_webbplats, xb.undantag, xb.skal_kod)
),
u AS (SELECT entity_a, entity_b, namn_b, unnest(v) AS v FROM d)
SELECT 'bedomningsandring', entity_a, entity_b, namn_b, v.f, coalesce(v.x, ''), coalesce(v.y, '')
FROM u WHERE coalesce(v.x, '') <> coalesce(v.y, '');

-- Judgments: six rows per entity, so entities are compared by fingerprint first (a fingerprint that differs when the
-- rows do not only costs a look at that entity's rows).
CREATE OR REPLACE TABLE kkdiff_judged AS
SELECT p.entity_a, p.entity_b, p.namn_b FROM kkdiff_pairs p
LEFT JOIN {{ var('a') }}_judgment_hash ha ON ha.entity_id = p.entity_a
LEFT JOIN {{ var('b') }}_judgment_hash hb ON hb.entity_id = p.entity_b
WHERE struct_pack(ha.h, ha.n) IS DISTINCT FROM struct_pack(hb.h, hb.n);

INSERT INTO kkdiff_changes
WITH xa AS (SELECT p.entity_a, p.entity_b, p.namn_b, s.* EXCLUDE (entity_id) FROM kkdiff_judged p JOIN {{ var('a') }}_judgment s ON s.entity_id = p.entity_a),
xb AS (SELECT p.entity_a, p.entity_b, p.namn_b, s.* EXCLUDE (entity_id) FROM kkdiff_judged p JOIN {{ var('b') }}_judgment s ON s.entity_id = p.entity_b),
d AS (
  SELECT coalesce(xa.entity_a, xb.entity_a) AS entity_a, coalesce(xa.entity_b, xb.entity_b) AS entity_b,
    coalesce(xa.namn_b, xb.namn_b) AS namn_b, 'kriterium_' || coalesce(xa.kriterium, xb.kriterium) || '.' AS k, [
      {'f': 'bedomning', 'x': xa.bedomning, 'y': xb.bedomning},
      {'f': 'indikatorer_uppfyllda', 'x': xa.indikatorer_uppfyllda, 'y': xb.indikatorer_uppfyllda},
      {'f': 'indikatorer_bedomda', 'x': xa.indikatorer_bedomda, 'y': xb.indikatorer_bedomda},
      {'f': 'grund', 'x': xa.grund, 'y': xb.grund}
    ] AS v
  FROM xa FULL JOIN xb ON xb.entity_a = xa.entity_a AND xb.entity_b = xa.entity_b AND xb.kriterium = xa.kriterium
  WHERE struct_pack(xa.bedomning, xa.indikatorer_uppfyllda, xa.indikatorer_bedomda, xa.grund)
    IS DISTINCT FROM struct_pack(xb.bedomning, xb.indikatorer_uppfyllda, xb.indikatorer_bedomda, xb.grund)
),
u AS (SELECT entity_a, entity_b, namn_b, k, unnest(v) AS v FROM d)
SELECT 'bedomningsandring', entity_a, entity_b, namn_b, k || v.f, coalesce(v.x, ''), coalesce(v.y, '')
FROM u WHERE coalesce(v.x, '') <> coalesce(v.y, '');

INSERT INTO kkdiff_changes
WITH xa AS (SELECT p.entity_a, p.entity_b, p.namn_b, s.* EXCLUDE (entity_id) FROM kkdiff_pairs p JOIN {{ var('a') }}_emp s ON s.entity_id = p.entity_a),
xb AS (SELECT p.entity_a, p.entity_b, p.namn_b, s.* EXCLUDE (entity_id) FROM kkdiff_pairs p JOIN {{ var('b') }}_emp s ON s.entity_id = p.entity_b),
d AS (
  SELECT coalesce(xa.entity_a, xb.entity_a) AS entity_a, coalesce(xa.entity_b, xb.entity_b) AS entity_b,
    coalesce(xa.namn_b, xb.namn_b) AS namn_b, [
      {'f': 'ar', 'x': xa.ar_text, 'y': xb.ar_text},
      {'f': 'rams_grupp', 'x': xa.rams_grupp_text, 'y': xb.rams_grupp_text},
      {'f': 'lan', 'x': xa.lan, 'y': xb.lan},
      {'f': 'sysselsatta', 'x': xa.sysselsatta_text, 'y': xb.sysselsatta_text},
      {'f': 'lq', 'x': xa.lq_text, 'y': xb.lq_text}
    ] AS v
  FROM xa FULL JOIN xb ON xb.entity_a = xa.entity_a AND xb.entity_b = xa.entity_b
  WHERE struct_pack(xa.ar_text, xa.rams_grupp_text, xa.lan, xa.sysselsatta_text, xa.lq_text)
    IS DISTINCT FROM struct_pack(xb.ar_text, xb.rams_grupp_text, xb.lan, xb.sysselsatta_text, xb.lq_text)
),
u AS (SELECT entity_a, entity_b, namn_b, unnest(v) AS v FROM d)
SELECT 'sysselsattning', entity_a, entity_b, namn_b, v.f, coalesce(v.x, ''), coalesce(v.y, '')
FROM u WHERE coalesce(v.x, '') <> coalesce(v.y, '');

-- Employment side by side, for the tables people read.
CREATE OR REPLACE TABLE kkdiff_employment AS
SELECT p.entity_a, p.entity_b, p.namn_b AS namn, coalesce(p.utfall_b, '') AS utfall_b,
  ea.ar AS ar_a, eb.ar AS ar_b,
  coalesce(ea.bransch, '') AS bransch_a, coalesce(eb.bransch, '') AS bransch_b,
  coalesce(ea.lan, '') AS lan_a, coalesce(eb.lan, '') AS lan_b,
  ea.sysselsatta AS sysselsatta_a, eb.sysselsatta AS sysselsatta_b,
  ea.lq AS lq_a, eb.lq AS lq_b
FROM kkdiff_pairs p
LEFT JOIN {{ var('a') }}_emp ea ON ea.entity_id = p.entity_a
LEFT JOIN {{ var('b') }}_emp eb ON eb.entity_id = p.entity_b
WHERE (ea.entity_id IS NOT NULL OR eb.entity_id IS NOT NULL)
  AND (ea.ar IS DISTINCT FROM eb.ar OR ea.sysselsatta IS DISTINCT FROM eb.sysselsatta OR ea.lq IS DISTINCT FROM eb.lq
    OR ea.lan IS DISTINCT FROM eb.lan OR ea.rams_grupp IS DISTINCT FROM eb.rams_grupp);

-- Shape: source lists added or dropped, raw columns of the lists both editions have.
CREATE OR REPLACE TABLE kkdiff_lists AS
SELECT 'b' AS sida, fil, ursprung, rader FROM {{ var('b') }}_lists b ANTI JOIN {{ var('a') }}_lists a USING (fil)
UNION ALL
SELECT 'a', fil, ursprung, rader FROM {{ var('a') }}_lists a ANTI JOIN {{ var('b') }}_lists b USING (fil);

CREATE OR REPLACE TABLE kkdiff_list_columns AS
SELECT 'b' AS sida, fil, kolumn FROM {{ var('b') }}_list_columns
SEMI JOIN {{ var('a') }}_lists USING (fil)
ANTI JOIN {{ var('a') }}_list_columns USING (fil, kolumn)
UNION ALL
SELECT 'a', fil, kolumn FROM {{ var('a') }}_list_columns
SEMI JOIN {{ var('b') }}_lists USING (fil)
ANTI JOIN {{ var('b') }}_list_columns USING (fil, kolumn);
