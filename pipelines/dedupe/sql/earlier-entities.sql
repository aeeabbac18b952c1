-- The entities a record of this run was in before, by its key ({{ var('keys') }}: nyckel, entity_id).
SELECT DISTINCT k.record_id, p.entity_id FROM dd_input_keys k
JOIN {{ var('keys') }} p USING (nyckel)
