-- Each fact sheet's sector as the reference classifies it: its RAMS group and its SNI 2007 divisions.
CREATE OR REPLACE TABLE entity_sector AS
SELECT f.id AS factsheet_id, s.kategori, s.rams_grupp, r.benamning AS bransch, s.sni_huvudgrupper
FROM factsheets f
JOIN ref_sektorer s ON s.typ_av_sektor = f.typ_av_sektor
JOIN ref_rams_grupper r ON r.rams_grupp = s.rams_grupp;
