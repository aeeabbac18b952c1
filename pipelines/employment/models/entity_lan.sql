-- entity_lan: src/geography.ts places each fact sheet; here it gets its entity (dedupe).
SELECT t.factsheet_id, e.entity_id, t.* EXCLUDE (factsheet_id)
FROM {{ source('entity_lan') }} t
LEFT JOIN {{ ref('fs_entity') }} e USING (factsheet_id)
