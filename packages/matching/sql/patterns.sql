-- EM's input: the candidate pairs counted by their pattern of levels ({{ var('levels') }}) and label.
SELECT {{ var('levels') }}, etikett, count(*)::INTEGER AS n FROM ({{ var('labelled') }})
GROUP BY ALL ORDER BY ALL
