-- Scored pairs ({{ var('scored') }}, levels.sql and weigh.sql run on them) join dd_pairs.
INSERT INTO dd_pairs SELECT * FROM {{ var('scored') }};
