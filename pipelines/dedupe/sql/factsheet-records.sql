-- The records that are fact sheets.
SELECT record_id FROM dd_input WHERE faktablad
