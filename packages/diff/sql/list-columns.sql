-- Source-list columns in one edition only (sida a: dropped, b: added).
SELECT sida, fil, kolumn FROM kkdiff_list_columns ORDER BY sida, fil, kolumn
