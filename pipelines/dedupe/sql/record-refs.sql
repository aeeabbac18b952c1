-- How decisions name records: fact sheets by id, list rows by their raw name, as review.csv shows both.
SELECT record_id, source_file AS fil, CASE WHEN faktablad THEN faktablad_id ELSE trim(namn) END AS namn
FROM dd_input ORDER BY record_id
