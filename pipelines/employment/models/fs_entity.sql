-- Entity ids from the dedupe stage, by fact sheet. var('entities'): dedupe's entities (ref()), or an empty
-- relation while that stage has written none (the stage run on its own): rows then keep an empty entity_id.
SELECT DISTINCT factsheet_id, entity_id
FROM {{ var('entities') }}
WHERE factsheet_id IS NOT NULL
