-- The entities without a partner by id in the other edition (side a: only in {{ var('a') }}, b: only in
-- {{ var('b') }}), and the empty table orphans.sql fills with one record for each, in the matching's shape.
CREATE OR REPLACE TABLE kkdiff_orphan_ids AS
SELECT 'a' AS side, entity_id FROM {{ var('a') }}_entity x ANTI JOIN {{ var('b') }}_entity y USING (entity_id)
UNION ALL
SELECT 'b', entity_id FROM {{ var('b') }}_entity x ANTI JOIN {{ var('a') }}_entity y USING (entity_id);

CREATE OR REPLACE TABLE kkdiff_orphans (record_id VARCHAR, entity_id VARCHAR, namn VARCHAR, webb VARCHAR,
  adress VARCHAR, postnummer VARCHAR, kontakt VARCHAR, telefon VARCHAR[], epost VARCHAR[]);
