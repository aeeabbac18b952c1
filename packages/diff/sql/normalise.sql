-- One edition's outputs in the shapes the comparison reads, as tables named {{ var('p') }}_…. The inputs are the views
-- {{ var('p') }}_t_<table> that src/load.ts makes: every column the diff reads is there (NULL where the edition's file
-- lacks it), and a table the edition lacks is there, empty. Nothing here fails on an edition of another shape.

-- Entities: the dedupe stage's, with the criteria stage's outcome. An edition without dedupe output still has
-- entities through its decisions, or its fact sheets (a fact sheet's id is its entity's id).
CREATE OR REPLACE TABLE {{ var('p') }}_entity AS
WITH ids AS (
  SELECT entity_id, namn, nullif(factsheet_id, '') AS factsheet_id FROM {{ var('p') }}_t_entities
  UNION ALL
  SELECT b.entity_id, b.namn, nullif(b.factsheet_id, '') FROM {{ var('p') }}_t_beslut b
  ANTI JOIN {{ var('p') }}_t_entities e ON e.entity_id = b.entity_id
  UNION ALL
  SELECT f.id, f.rubrik, f.id FROM {{ var('p') }}_t_factsheets f
  ANTI JOIN {{ var('p') }}_t_entities e1 ON e1.factsheet_id = f.id
  ANTI JOIN {{ var('p') }}_t_entities e2 ON e2.entity_id = f.id
  ANTI JOIN {{ var('p') }}_t_beslut b1 ON b1.factsheet_id = f.id
  ANTI JOIN {{ var('p') }}_t_beslut b2 ON b2.entity_id = f.id
),
one AS (
  SELECT entity_id, min(namn) AS namn, min(factsheet_id) AS factsheet_id
  FROM ids WHERE coalesce(entity_id, '') <> '' GROUP BY entity_id
),
decision AS (
  SELECT * FROM {{ var('p') }}_t_beslut WHERE coalesce(entity_id, '') <> ''
)
SELECT
  o.entity_id,
  -- The name the report's tables print (the overview table's), else the entity's.
  coalesce(nullif(d.namn, ''), nullif(o.namn, ''), o.entity_id) AS namn,
  coalesce(o.factsheet_id, nullif(d.factsheet_id, '')) AS factsheet_id,
  nullif(d.utfall, '') AS utfall,
  nullif(d.skal, '') AS skal
FROM one o LEFT JOIN decision d USING (entity_id);

-- Fact-sheet fields, one row per entity (wide: compare.sql compares whole rows first and unfolds only those that
-- differ). Names are compared as names (a rename), not here.
CREATE OR REPLACE TABLE {{ var('p') }}_fact AS
SELECT
  e.entity_id,
  coalesce(f.internetadress, '') AS internetadress,
  coalesce(f.adress, '') AS adress,
  coalesce(f.telefonnummer, '') AS telefonnummer,
  coalesce(f.kontaktperson, '') AS kontaktperson,
  coalesce(f.geografiskt_omrade, '') AS geografiskt_omrade,
  coalesce(f.typ_av_sektor, '') AS typ_av_sektor,
  coalesce(f.antal_medlemsforetag, '') AS antal_medlemsforetag,
  coalesce(f.startar, '') AS startar,
  coalesce(f.finansiarer, '') AS finansiarer,
  coalesce(f.forskning, '') AS forskning,
  coalesce(f.koppling, '') AS koppling
FROM {{ var('p') }}_entity e
JOIN {{ var('p') }}_t_factsheets f ON f.id = e.factsheet_id;

-- The decision, and the judgment of each criterion. The free texts (motivation, evidence) are left out: they are
-- rewritten every year without the judgment changing.
CREATE OR REPLACE TABLE {{ var('p') }}_decision AS
SELECT
  entity_id,
  coalesce(beslut, '') AS beslut,
  coalesce(organisationstyp, '') AS organisationstyp,
  coalesce(aktiv, '') AS aktiv,
  coalesce(inaktiv_sedan, '') AS inaktiv_sedan,
  coalesce(egen_webbplats, '') AS egen_webbplats,
  coalesce(undantag, '') AS undantag,
  coalesce(skal_kod, '') AS skal_kod
FROM {{ var('p') }}_t_beslut WHERE coalesce(entity_id, '') <> '';

CREATE OR REPLACE TABLE {{ var('p') }}_judgment AS
SELECT
  entity_id,
  kriterium,
  coalesce(bedomning, '') AS bedomning,
  coalesce(indikatorer_uppfyllda, '') AS indikatorer_uppfyllda,
  coalesce(indikatorer_bedomda, '') AS indikatorer_bedomda,
  coalesce(grund, '') AS grund
FROM {{ var('p') }}_t_bedomningar WHERE coalesce(entity_id, '') <> '' AND kriterium IS NOT NULL;

-- One fingerprint of all an entity's judgments: compare.sql unfolds only entities whose fingerprints differ.
CREATE OR REPLACE TABLE {{ var('p') }}_judgment_hash AS
SELECT entity_id, bit_xor(hash(kriterium, bedomning, indikatorer_uppfyllda, indikatorer_bedomda, grund)) AS h,
  count(*) AS n
FROM {{ var('p') }}_judgment GROUP BY entity_id;

-- Employment over all of an entity's Swedish län (the `alla` row) and the län themselves. Rows keyed by fact
-- sheet only (an employment stage run before dedupe wrote entities) find their entity through the fact sheet.
-- The stages keep ids unique (fact sheets, decisions, one `alla` row per fact sheet), so nothing is deduplicated here.
CREATE OR REPLACE TABLE {{ var('p') }}_emp AS
WITH alla AS (
  SELECT * FROM {{ var('p') }}_t_entity_employment WHERE rad = 'alla' AND coalesce(entity_id, '') <> ''
  UNION ALL BY NAME
  SELECT x.* EXCLUDE (entity_id), e.entity_id
  FROM {{ var('p') }}_t_entity_employment x JOIN {{ var('p') }}_entity e ON e.factsheet_id = x.factsheet_id
  WHERE x.rad = 'alla' AND coalesce(x.entity_id, '') = ''
),
lan_rows AS (
  SELECT entity_id, lan_kod FROM {{ var('p') }}_t_entity_lan WHERE coalesce(entity_id, '') <> ''
  UNION ALL
  SELECT e.entity_id, l.lan_kod
  FROM {{ var('p') }}_t_entity_lan l JOIN {{ var('p') }}_entity e ON e.factsheet_id = l.factsheet_id
  WHERE coalesce(l.entity_id, '') = ''
),
lan AS (
  SELECT entity_id, array_to_string(list_sort(list_distinct(list(lan_kod))), ';') AS lan FROM lan_rows GROUP BY entity_id
)
SELECT
  coalesce(a.entity_id, l.entity_id) AS entity_id,
  a.ar, a.rams_grupp, a.bransch, a.sysselsatta, a.region_totalt, a.riket_totalt, a.lq,
  coalesce(l.lan, replace(a.lan_koder, ',', ';'), '') AS lan,
  -- The compared fields as text, as changes.csv shows them.
  coalesce(CAST(a.ar AS VARCHAR), '') AS ar_text,
  coalesce(a.rams_grupp, '') AS rams_grupp_text,
  coalesce(CAST(a.sysselsatta AS VARCHAR), '') AS sysselsatta_text,
  -- The LQ is stored exact; the diff compares and lists it to 4 decimals, as it prints it.
  coalesce(CAST(round(a.lq, 4) AS VARCHAR), '') AS lq_text
FROM alla a FULL JOIN lan l ON l.entity_id = a.entity_id;

-- Source lists, and the columns of each list that ingest kept raw (columns kolumner.csv does not map).
CREATE OR REPLACE TABLE {{ var('p') }}_lists AS
SELECT fil, coalesce(ursprung, '') AS ursprung, coalesce(rader, 0) AS rader
FROM {{ var('p') }}_t_source_lists WHERE coalesce(fil, '') <> '';

CREATE OR REPLACE TABLE {{ var('p') }}_list_columns AS
SELECT DISTINCT fil, kolumn FROM (
  SELECT fil, unnest(json_keys(CAST(extra AS JSON))) AS kolumn FROM (
    SELECT DISTINCT regexp_replace(source_file, '^sources/', '') AS fil, extra
    FROM {{ var('p') }}_t_candidates
    WHERE coalesce(extra, '') NOT IN ('', '{}') AND json_valid(extra)
  )
);
