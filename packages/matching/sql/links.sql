-- The links the clustering takes: pairs at least as probable as the match threshold, strongest first.
SELECT a, b, matchvikt FROM dd_pairs WHERE sannolikhet >= {{ var('match') }}
ORDER BY matchvikt DESC, a, b
