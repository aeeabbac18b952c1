-- Every entity (dd_entity_names, entities.sql) with its stable id (dd_entity_ids, assigned in src/entities.ts).
CREATE OR REPLACE TABLE dd_entities AS
SELECT n.cluster, i.entity_id, n.namn AS entity_namn, n.faktablad_id
FROM dd_entity_names n JOIN dd_entity_ids i USING (cluster);
