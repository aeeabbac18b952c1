-- The dedupe stage has written no entities yet: rows stay keyed by fact sheet, entity_id empty.
CREATE OR REPLACE TABLE fs_entity (factsheet_id VARCHAR, entity_id VARCHAR);
