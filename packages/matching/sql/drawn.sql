-- The drawn pairs counted by pattern, and whether they are matches: labelled the same, or joined through EM's
-- matches (dd_em_component). Two fact sheets are never one initiative, whatever joins them (labelled.sql).
SELECT {{ var('levels') }},
  coalesce(l.etikett = 'samma', ca.comp = cb.comp) AS forenade,
  count(*)::DOUBLE AS n
FROM ({{ var('labelled') }}) l
JOIN dd_em_component ca ON ca.rid = l.a JOIN dd_em_component cb ON cb.rid = l.b
GROUP BY ALL ORDER BY ALL
