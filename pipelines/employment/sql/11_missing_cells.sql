-- Every value a statistics file does not give ('..', '.', '-', an empty cell), with its symbol and place, so a
-- figure that depends on one can name it. Filled per file by 25_missing_cells.sql.
CREATE OR REPLACE TABLE missing_cells (
  fil VARCHAR, rad INTEGER, kolumn INTEGER, symbol VARCHAR, plats VARCHAR,
  region_kod VARCHAR, region_niva VARCHAR, lan_kod VARCHAR,
  naringsgren_kod VARCHAR, naringsgren_niva VARCHAR, rams_grupp VARCHAR, sni_huvudgrupp VARCHAR, ar INTEGER
);
