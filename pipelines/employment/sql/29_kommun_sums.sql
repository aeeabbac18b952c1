-- The source kommun_sums: the county sums of kommun rows (28_kommun_sums*.sql) of the only file read so far.
CREATE OR REPLACE TEMP VIEW kommun_sums AS SELECT * FROM {{ var('name') }};
