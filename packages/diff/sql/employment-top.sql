-- The ten initiatives of list 1 whose location quotient moved most.
SELECT * FROM kkdiff_employment WHERE utfall_b = 'list1' AND lq_a IS NOT NULL AND lq_b IS NOT NULL
ORDER BY abs(lq_b - lq_a) DESC, namn COLLATE sv LIMIT 10
