-- The pairs of {{ var('pairs') }} with their label: an analyst's decision (dd_labels), or `olika` for two fact
-- sheets (always two initiatives). A sub-query the estimation's other files take as var('labelled'). The fact
-- sheets are looked up among the fact sheets only (a few records), not among all the records, for every pair.
WITH fs AS (SELECT rid FROM dd_records WHERE faktablad)
SELECT p.*, CASE WHEN l.samma THEN 'samma' WHEN NOT l.samma OR (fa.rid IS NOT NULL AND fb.rid IS NOT NULL) THEN 'olika' END AS etikett
FROM {{ var('pairs') }} p LEFT JOIN fs fa ON fa.rid = p.a LEFT JOIN fs fb ON fb.rid = p.b
LEFT JOIN dd_labels l ON l.a = p.a AND l.b = p.b
