-- Source lists in one edition only (sida a: dropped, b: added).
SELECT sida, fil, ursprung, rader::INTEGER AS rader FROM kkdiff_lists ORDER BY sida, fil
