-- Pairs scored after the candidates ({{ var('scored') }}, levels.sql run on them) join dd_pair_levels, and so
-- dd_pairs, weighed by its model (weigh.sql).
INSERT INTO dd_pair_levels SELECT * FROM {{ var('scored') }};
