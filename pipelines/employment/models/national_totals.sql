-- The national total per year found in the data, and where it came from (a total row, a sum, a declared total).
SELECT ar, varde, kalla FROM {{ ref('totals') }} WHERE lan_kod = '00'
