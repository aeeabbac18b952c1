-- The records that are fact sheets: no two of them are one initiative.
SELECT rid FROM dd_records WHERE faktablad
