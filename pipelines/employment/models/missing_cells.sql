-- missing_cells: every value a statistics file does not give (SCB's .., ., -) or leaves out (a county or group),
-- with its place in the file; made by the readers and sql/11_missing_cells.sql, sql/25_missing_cells.sql.
SELECT * FROM {{ source('missing_cells') }}
