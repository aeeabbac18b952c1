-- Every row of a reference table, for the TypeScript steps (geography, sectors).
SELECT * FROM {{ var('table') }}
