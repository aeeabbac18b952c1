-- The candidate pairs EM calls matches: their pattern's posterior (dd_pattern_p) at least one half.
SELECT c.a, c.b FROM ({{ var('labelled') }}) c
JOIN dd_pattern_p pp ON {{ var('same_levels') }}
  AND pp.etikett IS NOT DISTINCT FROM c.etikett
WHERE pp.p >= 0.5 ORDER BY c.a, c.b
