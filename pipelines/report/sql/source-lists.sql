-- Which kinds of source list (kalla 1: funded or prioritised initiatives, 2: earlier mappings, registers,
-- applications) named each entity: the dedupe stage's membership (var membership) joined to ingest's candidates
-- (var candidates), both read through ref() with the columns named.
SELECT m.entity_id, bool_or(c.kalla = 1) AS k1, bool_or(c.kalla = 2) AS k2
FROM {{ var('membership') }} m
JOIN {{ var('candidates') }} c USING (record_id)
GROUP BY m.entity_id
