-- entity_employment: made by the join (sql/40_entity_employment.sql). Sums come out of DuckDB as HUGEINT,
-- which Parquet cannot hold; they are whole numbers of employed persons, so BIGINT.
SELECT * REPLACE (
  sysselsatta::BIGINT AS sysselsatta,
  region_totalt::BIGINT AS region_totalt,
  sektor_riket::BIGINT AS sektor_riket,
  riket_totalt::BIGINT AS riket_totalt,
  sysselsatta_foregaende::BIGINT AS sysselsatta_foregaende,
  forandring::BIGINT AS forandring,
  saknade_celler::BIGINT AS saknade_celler
)
FROM {{ source('entity_employment') }}
