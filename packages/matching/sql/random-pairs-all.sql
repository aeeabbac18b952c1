-- Random pairs when there are few enough records: every pair of records (rid 1 to n, below n_1), less the candidates
-- (counted in full by EM).
CREATE OR REPLACE TABLE dd_random_pairs AS
SELECT x.range::INTEGER AS a, y.range::INTEGER AS b, 0 AS nyckelmask
FROM range(1, {{ var('n_1') }}) x JOIN range(1, {{ var('n_1') }}) y ON x.range < y.range;

DELETE FROM dd_random_pairs r USING dd_pair_levels c WHERE c.a = r.a AND c.b = r.b;
