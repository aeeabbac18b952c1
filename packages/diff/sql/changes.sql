-- The changes in their order for people: by kind (its place in CHANGE_TYPES, {{ var('kinds') }}), then by name in
-- Swedish order. entity_b only where it differs from entity_a: converting every value to a string is the slow
-- part at 100 000 entities.
SELECT CASE typ {{ var('kinds') }} END AS t, entity_a, nullif(entity_b, entity_a) AS eb, namn, falt, fran, till
FROM kkdiff_changes ORDER BY t, namn COLLATE sv, entity_b, entity_a, falt
