-- One side's fact sheets of the entities keyed: the heading and the fact fields.
SELECT s.k AS entitet, f.rubrik, {{ var('fact_columns') }}
FROM (SELECT DISTINCT k, entity_{{ var('side') }} AS id FROM ({{ var('sheets') }}) WHERE k IN ({{ var('keys') }})) s
JOIN {{ var('p') }}_entity x ON x.entity_id = s.id
JOIN {{ var('p') }}_t_factsheets f ON f.id = x.factsheet_id
ORDER BY s.k
