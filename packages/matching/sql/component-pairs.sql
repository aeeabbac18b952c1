-- Every pair inside a would-be cluster (dd_comp: rid, comp, size) not yet scored, so that the veto sees pairs
-- blocking never brought together; only in clusters of 3 to {{ var('max') }} records.
CREATE OR REPLACE TABLE dd_component_pairs AS
SELECT x.rid AS a, y.rid AS b, dd_key_bit('kluster') AS nyckelmask
FROM dd_comp x JOIN dd_comp y ON x.comp = y.comp AND x.rid < y.rid
ANTI JOIN dd_pairs p ON p.a = x.rid AND p.b = y.rid
WHERE x.size >= 3 AND x.size <= {{ var('max') }};
