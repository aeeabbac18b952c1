-- The three source-list rows scored closest to a fact sheet (rid {{ var('rid') }}), for its error message.
SELECT i.source_file AS fil, i.source_line AS rad, trim(i.namn) AS namn, round(p.sannolikhet, 2) AS p
FROM dd_pairs p
JOIN dd_records o ON o.rid = CASE WHEN p.a = {{ var('rid') }} THEN p.b ELSE p.a END
JOIN dd_input i ON i.record_id = o.record_id
WHERE (p.a = {{ var('rid') }} OR p.b = {{ var('rid') }}) AND NOT i.faktablad
ORDER BY p.sannolikhet DESC, i.source_file, i.source_line LIMIT 3
