-- The columns a relation has (column_name, column_type, …).
DESCRIBE {{ var('view') }}
