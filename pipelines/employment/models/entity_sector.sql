-- Each fact sheet's sector as the reference classifies it: its RAMS group and its SNI 2007 divisions.
SELECT f.id AS factsheet_id, s.kategori, s.rams_grupp, r.benamning AS bransch, s.sni_huvudgrupper
FROM {{ source('factsheets') }} f
JOIN {{ source('ref_sektorer') }} s ON s.typ_av_sektor = f.typ_av_sektor
JOIN {{ source('ref_rams_grupper') }} r ON r.rams_grupp = s.rams_grupp
