-- The entities whose place on the lists changed (added, removed, renamed, moved), keyed by B's id: a sub-query.
SELECT DISTINCT coalesce(nullif(entity_b, ''), entity_a) AS k, entity_a, entity_b FROM kkdiff_changes
WHERE typ IN ('tillagd', 'borttagen', 'namnbyte', 'flyttad')
