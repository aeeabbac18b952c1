-- Each fact sheet's Typ av sektor, in file order, for the check that every one is classified.
SELECT id, source_line, typ_av_sektor FROM factsheets ORDER BY source_line
