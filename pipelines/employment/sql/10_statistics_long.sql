-- Types and macros for the normalised statistics. Each file read becomes a keyed table (its lines, labels
-- replaced by codes) and a view of its cells; the view statistics_long is all files' cells: one row per
-- region × industry × year, placed in the county and the SNI 2007 hierarchy, varde NULL where the file has a
-- suppression symbol ('..', '-': missing, never zero). Nothing the size of the cells is materialised.
-- Few distinct values: ENUMs take a byte per row where a string would be copied for every cell.
DROP VIEW IF EXISTS statistics_long;
DROP TYPE IF EXISTS stat_fil;
DROP TYPE IF EXISTS stat_region_niva;
DROP TYPE IF EXISTS stat_naringsgren_niva;
CREATE TYPE stat_fil AS ENUM ({{ var('filer') }});
CREATE TYPE stat_region_niva AS ENUM ('riket', 'lan', 'kommun');
CREATE TYPE stat_naringsgren_niva AS ENUM ('total', 'rams', 'avdelning', 'huvudgrupp', 'grupp', 'undergrupp', 'detaljgrupp');
-- A sum that is unknown when any part is unknown: a suppressed cell makes its totals unknown, not smaller.
CREATE OR REPLACE MACRO strict_sum(x) AS CASE WHEN bool_or(x IS NULL) THEN NULL ELSE sum(x) END;
