-- One label per labelled pair (a < b): the rows dd_label_rows (a, b, samma 0/1, rang) hold a decision `olika`
-- (rang 1) before a decision `samma` (2) before a carried pair of the previous edition (3), so that an analyst
-- who overrules what the previous edition joined is heard, and no pair counts twice.
CREATE OR REPLACE TABLE dd_labels AS
SELECT a, b, arg_min(samma, rang) = 1 AS samma FROM dd_label_rows GROUP BY a, b;
