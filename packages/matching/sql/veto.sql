-- Vetoes: pairs inside a would-be cluster whose evidence, the prior aside, is at most veto_bits.
SELECT p.a, p.b FROM dd_pairs p
JOIN dd_comp x ON x.rid = p.a JOIN dd_comp y ON y.rid = p.b
WHERE x.comp = y.comp AND p.matchvikt - {{ var('prior_bits') }} <= {{ var('veto_bits') }}
ORDER BY p.a, p.b
