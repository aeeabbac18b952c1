-- The dedupe stage's entities as the rule reads them (src/upstream.ts), in id order.
SELECT entity_id::VARCHAR AS entity_id, namn::VARCHAR AS namn, factsheet_id::VARCHAR AS factsheet_id FROM entities ORDER BY entity_id
