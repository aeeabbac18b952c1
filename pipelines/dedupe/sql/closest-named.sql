-- The three source-list rows named most like a fact sheet's heading (var rubrik), when none was scored with it.
SELECT source_file AS fil, source_line AS rad, trim(namn) AS namn, NULL AS p FROM dd_input
WHERE NOT faktablad
ORDER BY jaro_winkler_similarity(lower(namn), lower({{ var('rubrik') }})) DESC, source_file, source_line
LIMIT 3
