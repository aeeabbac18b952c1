-- The pairs labelled the same initiative, for the clustering of EM's matches.
SELECT a, b FROM dd_labels WHERE samma ORDER BY a, b
