-- The statistics years of edition {{ var('p') }}'s employment figures, with the country's total of each.
SELECT ar, max(riket_totalt)::BIGINT AS riket FROM {{ var('p') }}_emp WHERE ar IS NOT NULL GROUP BY ar ORDER BY ar
