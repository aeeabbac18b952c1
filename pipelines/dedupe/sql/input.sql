-- The records to resolve: every source-list row (ingest's candidates) and every fact sheet, in the shape
-- sql/normalise.sql reads. A fact sheet's record_id is "faktablad:<id>".

CREATE OR REPLACE TABLE dd_candidates_in AS SELECT * FROM {{ var('candidates') }};
CREATE OR REPLACE TABLE dd_factsheets_in AS SELECT * FROM {{ var('factsheets') }};

CREATE OR REPLACE TABLE dd_input AS
SELECT
  record_id,
  'källa' AS slag,
  source_file,
  source_line,
  kalla,
  ursprung,
  namn,
  webb,
  webb_canonical AS webb_kanonisk,
  adress,
  postnummer,
  telefon,
  telefon_norm,
  kontaktperson,
  kontakt_namn,
  epost,
  CAST(NULL AS VARCHAR) AS faktablad_id,
  false AS faktablad
FROM dd_candidates_in
UNION ALL
SELECT
  'faktablad:' || id,
  'faktablad',
  {{ var('factsheets_file') }},
  source_line,
  NULL,
  'faktablad',
  rubrik,
  internetadress,
  webb_canonical,
  adress,
  postnummer,
  telefonnummer,
  telefon_norm,
  kontaktperson,
  kontakt_namn,
  epost,
  id,
  true
FROM dd_factsheets_in;

CREATE OR REPLACE VIEW dd_match_input AS
SELECT record_id, namn, webb_kanonisk AS webb, adress, postnummer, kontakt_namn AS kontakt,
  telefon_norm AS telefon, epost, faktablad
FROM dd_input;
