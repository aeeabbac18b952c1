-- The orphans as the matching's input. Not fact sheets: two fact sheets may be one initiative across editions
-- (the dedupe stage forbids it within one).
CREATE OR REPLACE VIEW kkdiff_match_input AS
SELECT record_id, namn, webb, adress, postnummer, kontakt, telefon, epost, false AS faktablad
FROM kkdiff_orphans;
