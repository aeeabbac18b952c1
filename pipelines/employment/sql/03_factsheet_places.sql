-- What places each fact sheet, in list order, for the geography (src/geography.ts).
SELECT id, lista, ordning, geografiskt_omrade, tabell_geografi, source_line FROM factsheets ORDER BY lista, ordning
