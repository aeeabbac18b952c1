-- Entity ids from the dedupe stage, by fact sheet.
CREATE OR REPLACE TABLE fs_entity AS
SELECT DISTINCT factsheet_id, entity_id
FROM ${entities}
WHERE factsheet_id IS NOT NULL;
