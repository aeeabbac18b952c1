-- The first combination of labels given twice in the file being read ({{ var('keys') }}: its key columns).
SELECT {{ var('keys') }}
FROM stat_src
GROUP BY ALL
HAVING count(*) > 1
LIMIT 1;
