-- One side's list rows of the entities keyed: name and placement (a CASE over the outcomes).
SELECT s.k AS entitet, x.namn, {{ var('placement') }} AS placering
FROM (SELECT DISTINCT k, entity_{{ var('side') }} AS id FROM ({{ var('listed') }}) WHERE k IN ({{ var('keys') }})) s
JOIN {{ var('p') }}_entity x ON x.entity_id = s.id
ORDER BY s.k
