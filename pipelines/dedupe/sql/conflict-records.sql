-- The records a constraint conflict names (rids {{ var('rids') }}): a fact sheet by its id, a list row by its list and name.
SELECT r.rid, r.record_id, CASE WHEN i.faktablad THEN i.faktablad_id ELSE i.source_file || ' ' || trim(i.namn) END AS namn
FROM dd_records r JOIN dd_input i ON i.record_id = r.record_id
WHERE r.rid IN ({{ var('rids') }})
