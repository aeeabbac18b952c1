-- The entities' names (entities.sql), for the ids assigned in src/entities.ts.
SELECT cluster, faktablad_id, namn, doman, namn_alla FROM dd_entity_names ORDER BY cluster
