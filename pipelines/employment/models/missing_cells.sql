-- missing_cells: every value a statistics file does not give (SCB's .., ., -) or leaves out (a county or group),
-- with its place in the file; made by the readers (src/statistics/missing.ts).
SELECT * FROM {{ source('missing_cells') }}
