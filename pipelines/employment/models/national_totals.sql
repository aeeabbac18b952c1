-- The national total per year found in the data, and where it came from (a total row or a sum).
SELECT ar, varde, kalla FROM totals WHERE lan_kod = '00' ORDER BY ar;
