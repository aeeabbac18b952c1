-- The rid of each record_id named (var ids: a list of string literals).
SELECT record_id, rid FROM dd_records WHERE record_id IN ({{ var('ids') }})
