SELECT NULL::VARCHAR AS factsheet_id, NULL::VARCHAR AS entity_id WHERE false
