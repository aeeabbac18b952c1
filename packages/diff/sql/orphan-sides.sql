-- How many orphans each side has (a record_id begins with its side): a match needs both.
SELECT left(record_id, 1) AS sida, count(*)::INTEGER AS n FROM kkdiff_orphans GROUP BY 1
