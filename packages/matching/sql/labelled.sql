-- The pairs of {{ var('pairs') }} with their label: an analyst's decision (dd_labels), or `olika` for two fact
-- sheets (always two initiatives). A sub-query the estimation's other files take as var('labelled').
SELECT p.*, CASE WHEN l.samma THEN 'samma' WHEN NOT l.samma OR (ra.faktablad AND rb.faktablad) THEN 'olika' END AS etikett
FROM {{ var('pairs') }} p JOIN dd_records ra ON ra.rid = p.a JOIN dd_records rb ON rb.rid = p.b
LEFT JOIN dd_labels l ON l.a = p.a AND l.b = p.b
