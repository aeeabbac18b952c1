-- Fact sheets in both editions that changed, keyed by B's id: a sub-query. A table diff of those shows just the
-- cells that changed (an added or removed row would show every column); added and removed initiatives have
-- their own tables.
SELECT DISTINCT entity_b AS k, entity_a, entity_b FROM kkdiff_changes
WHERE typ IN ('namnbyte', 'faktaandring') AND falt <> 'faktablad' AND entity_a <> '' AND entity_b <> ''
