-- The first keys (at most var limit) of a set of changed entities (listed.sql or sheets.sql), by name in Swedish order.
SELECT s.k FROM ({{ var('set') }}) s
LEFT JOIN {{ var('b') }}_entity eb ON eb.entity_id = s.entity_b
LEFT JOIN {{ var('a') }}_entity ea ON ea.entity_id = s.entity_a
ORDER BY coalesce(eb.namn, ea.namn) COLLATE sv, s.k LIMIT {{ var('limit') }}
