-- How many entities edition {{ var('p') }} has per outcome (utfall; '' where the criteria stage gave none).
SELECT coalesce(utfall, '') AS utfall, count(*)::INTEGER AS n FROM {{ var('p') }}_entity GROUP BY 1 ORDER BY 1
