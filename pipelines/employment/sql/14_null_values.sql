-- How many data lines lack a value (one of the value columns NULL: a PxWeb symbol or an empty cell).
SELECT count(*) FROM stat_src WHERE {{ var('any_null') }}
