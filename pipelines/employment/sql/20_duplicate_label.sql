-- The first combination of labels given twice in the file being read (${keys}: its key columns).
SELECT ${keys}
FROM stat_src
GROUP BY ALL
HAVING count(*) > 1
LIMIT 1;
