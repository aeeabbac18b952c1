-- Fact sheets whose Typ av sektor the reference does not classify.
SELECT f.id, f.source_line, f.typ_av_sektor
FROM factsheets f
ANTI JOIN ref_sektorer s ON s.typ_av_sektor = f.typ_av_sektor
ORDER BY f.source_line;
