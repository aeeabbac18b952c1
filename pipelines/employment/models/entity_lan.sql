-- entity_lan: sql/ and src/geography.ts place each fact sheet; here it gets its entity (dedupe).
SELECT t.factsheet_id, e.entity_id, t.* EXCLUDE (factsheet_id)
FROM {{ source('entity_lan') }} t
LEFT JOIN {{ source('fs_entity') }} e USING (factsheet_id)
