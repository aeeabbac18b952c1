-- lan_sector: made by the join (sql/41_lan_sector.sql). Sums come out of DuckDB as HUGEINT, which Parquet
-- cannot hold; they are whole numbers of employed persons, so BIGINT.
SELECT * REPLACE (
  sysselsatta::BIGINT AS sysselsatta,
  region_totalt::BIGINT AS region_totalt,
  sektor_riket::BIGINT AS sektor_riket,
  riket_totalt::BIGINT AS riket_totalt,
  sysselsatta_foregaende::BIGINT AS sysselsatta_foregaende,
  forandring::BIGINT AS forandring,
  saknade_celler::BIGINT AS saknade_celler
)
FROM {{ source('lan_sector') }}
